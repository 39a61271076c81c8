import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueuePage } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { queueRow } from '../../testing/queue-rows';
import { render, settle, type Rendered } from '../../testing/render';
import { QueueGrid } from './QueueGrid';
import { ROW_HEIGHT } from './QueueRowView';
import { resetQueueStore, useQueueStore } from './queue-store';

const TOTAL = 5000;
let view: Rendered | undefined;
let bridge: FakeBridge;

beforeEach(() => {
  resetQueueStore();
  bridge = createFakeBridge({
    'queue:total': () => ok({ total: TOTAL }),
    'queue:at': (request) => {
      const { position, limit } = request as { position: number; limit: number };
      const page: QueuePage = { rows: Array.from({ length: Math.min(limit, TOTAL - position) }, (_, k) => queueRow(position + k)), nextCursor: null, prevCursor: null };
      return ok(page);
    },
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const rowElements = () => [...view!.container.querySelectorAll<HTMLElement>('.queue-block [role="row"]')];
const indexOf = (row: HTMLElement) => Number(row.dataset.index);

async function scrollTo(scrollTop: number): Promise<void> {
  const scroller = view!.container.querySelector<HTMLElement>('.queue-scroller')!;
  await act(async () => {
    scroller.scrollTop = scrollTop;
    scroller.dispatchEvent(new Event('scroll'));
  });
  await settle();
}

describe('QueueGrid', () => {
  it('hands the element of a row that scrolled out to the row that scrolled in, and keeps the others as they were', async () => {
    await useQueueStore.getState().load();
    view = await render(<QueueGrid />);
    await settle();
    const before = rowElements();
    const shown = new Map(before.map((row) => [row, { index: indexOf(row), text: row.textContent }]));
    const last = Math.max(...before.map(indexOf));
    expect(before.map(indexOf).sort((a, b) => a - b)).toEqual(Array.from({ length: before.length }, (_, k) => k));

    await scrollTo(30 * ROW_HEIGHT);

    const after = rowElements();
    expect(after).toEqual(before);
    const moved = after.filter((row) => indexOf(row) !== shown.get(row)!.index);
    // The window starts OVERSCAN rows above the first visible one: 24 rows left it, 24 came in.
    expect(moved.map((row) => shown.get(row)!.index).sort((a, b) => a - b)).toEqual(Array.from({ length: moved.length }, (_, k) => k));
    expect(moved.map(indexOf).sort((a, b) => a - b)).toEqual(Array.from({ length: moved.length }, (_, k) => last + 1 + k));
    for (const row of after.filter((each) => !moved.includes(each))) expect(row.textContent).toBe(shown.get(row)!.text);
    for (const row of moved) expect(row.querySelector('.queue-cell-value')?.textContent).toBe(`host-${indexOf(row)}.example`);
  });

  it('gives assistive technology the rows in order, whatever the order of their elements', async () => {
    await useQueueStore.getState().load();
    view = await render(<QueueGrid />);
    await settle();
    await scrollTo(1000 * ROW_HEIGHT + 7);
    const indexes = rowElements().map(indexOf);
    expect(indexes).not.toEqual([...indexes].sort((a, b) => a - b));
    const owned = view.container.querySelector('.queue-block')!.getAttribute('aria-owns')!.split(' ');
    expect(owned).toEqual([...indexes].sort((a, b) => a - b).map((index) => `queue-row-${index}`));
    expect(owned.every((id) => document.getElementById(id)?.getAttribute('aria-rowindex') === String(Number(id.slice('queue-row-'.length)) + 2))).toBe(true);
  });

  it('shows a row waiting for its page with the same elements as a loaded one, empty', async () => {
    await useQueueStore.getState().load();
    view = await render(<QueueGrid />);
    await settle();
    const loaded = rowElements()[0]!;
    const shape = (row: Element): string => [...row.children].map((child) => `${child.tagName}(${shape(child)})`).join(',');
    const before = shape(loaded);
    // Far down, where the page is asked for but does not answer yet.
    bridge.handle('queue:at', () => new Promise(() => undefined));
    await scrollTo(4000 * ROW_HEIGHT);
    const waiting = rowElements().find((row) => row.getAttribute('aria-busy') === 'true')!;
    expect(waiting).toBeDefined();
    expect(waiting.getAttribute('aria-label')).toBe('Loading');
    expect(waiting.textContent).toBe('');
    expect(shape(waiting)).toBe(before);
  });
});
