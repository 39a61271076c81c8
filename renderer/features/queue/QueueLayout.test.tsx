import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueuePage } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { queueRow } from '../../testing/queue-rows';
import { render, settle, type Rendered } from '../../testing/render';
import { DetailSplitter, SPLITTER_STEP } from './DetailSplitter';
import { DEFAULT_DETAIL_WIDTH, MAX_DETAIL_WIDTH, resetLayoutStore, useLayoutStore } from './layout-store';
import { QueueGrid } from './QueueGrid';
import { RESIZE_STEP } from './QueueGridHead';
import { resetQueueStore, useQueueStore } from './queue-store';

const TOTAL = 500;
let view: Rendered | undefined;
let bridge: FakeBridge;

beforeEach(() => {
  resetQueueStore();
  resetLayoutStore();
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

const header = (name: string) => [...view!.container.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((each) => each.textContent?.startsWith(name))!;
const handle = (name: string) => view!.container.querySelector<HTMLElement>(`[role="separator"][aria-label="Resize ${name} column"]`)!;
const key = (target: HTMLElement, init: KeyboardEventInit) =>
  act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
const rowElements = () => [...view!.container.querySelectorAll<HTMLElement>('.queue-block [role="row"]')];

async function showGrid(): Promise<void> {
  await useQueueStore.getState().load();
  view = await render(<QueueGrid />);
  await settle();
}

describe('queue headers', () => {
  it('sort by the columns the core can sort by: a click sorts, a second reverses', async () => {
    await showGrid();
    expect(header('Value').getAttribute('aria-sort')).toBe('none');
    expect(header('Last seen').getAttribute('aria-sort')).toBe('descending');
    // The core has no sort by TLP, sightings, tags or lists: those headers offer none.
    for (const name of ['TLP', 'Seen', 'Tags', 'Warninglist', 'Status']) {
      expect(header(name).hasAttribute('aria-sort')).toBe(false);
      expect(header(name).querySelector('button')).toBeNull();
    }

    await act(async () => header('Value').querySelector('button')!.click());
    await settle();
    expect(useQueueStore.getState().sort).toEqual({ key: 'type_value', direction: 'asc' });
    expect(header('Value').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Last seen').getAttribute('aria-sort')).toBe('none');
    expect(bridge.calls.filter((c) => c.channel === 'queue:total').at(-1)?.request).toMatchObject({ sort: { key: 'type_value', direction: 'asc' } });

    await act(async () => header('Value').querySelector('button')!.click());
    expect(useQueueStore.getState().sort).toEqual({ key: 'type_value', direction: 'desc' });
    await act(async () => header('Conf./sev.').querySelector('button')!.click());
    expect(useQueueStore.getState().sort).toEqual({ key: 'confidence', direction: 'desc' });
    await settle();
  });

  it('resize a column by keyboard, for every row at once, without replacing rows; Home restores the default layout', async () => {
    await showGrid();
    const grid = view!.container.querySelector<HTMLElement>('.queue-grid')!;
    const before = rowElements();
    const texts = before.map((row) => row.textContent);
    expect(grid.classList.contains('has-custom-columns')).toBe(false);
    // The select and value columns have no handle: the value takes the room the others leave.
    expect(view!.container.querySelectorAll('.queue-resize-handle')).toHaveLength(8);

    const type = handle('Type');
    expect(type.getAttribute('aria-valuenow')).toBe('76');
    await key(type, { key: 'ArrowRight' });
    await key(type, { key: 'ArrowRight', shiftKey: true });
    const width = 76 + RESIZE_STEP + 4 * RESIZE_STEP;
    expect(useLayoutStore.getState().columnWidths).toEqual({ 2: width });
    expect(type.getAttribute('aria-valuenow')).toBe(String(width));
    expect(grid.classList.contains('has-custom-columns')).toBe(true);
    expect(grid.style.getPropertyValue('--queue-columns')).toBe(`30px 124px ${width}px minmax(160px, 1fr) 116px 100px 64px 92px 110px 150px`);
    expect(rowElements()).toEqual(before);
    expect(rowElements().map((row) => row.textContent)).toEqual(texts);

    await key(handle('TLP'), { key: 'ArrowLeft' });
    expect(useLayoutStore.getState().columnWidths).toEqual({ 1: 124 - RESIZE_STEP, 2: width });
    for (let i = 0; i < 100; i += 1) await key(handle('TLP'), { key: 'ArrowLeft', shiftKey: true });
    expect(useLayoutStore.getState().columnWidths[1]).toBe(40);

    await key(type, { key: 'Home' });
    await key(handle('TLP'), { key: 'Home' });
    expect(useLayoutStore.getState().columnWidths).toEqual({});
    expect(grid.classList.contains('has-custom-columns')).toBe(false);
    expect(grid.style.getPropertyValue('--queue-columns')).toBe('');
  });

  it('resize a column by dragging its handle', async () => {
    await showGrid();
    const status = handle('Status');
    await act(async () => {
      status.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, clientX: 400 }));
      status.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: 460 }));
      status.dispatchEvent(new MouseEvent('pointerup', { bubbles: true, clientX: 460 }));
      status.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: 600 }));
    });
    expect(useLayoutStore.getState().columnWidths).toEqual({ 4: 116 + 60 });
  });
});

describe('detail splitter', () => {
  it('widens the pane with the left arrow, narrows it with the right, within bounds; Home resets', async () => {
    view = await render(<DetailSplitter paneId="pane" />);
    const splitter = view.container.querySelector<HTMLElement>('[role="separator"]')!;
    expect(splitter.getAttribute('aria-label')).toBe('Resize the detail pane');
    expect(splitter.getAttribute('aria-valuenow')).toBe(String(DEFAULT_DETAIL_WIDTH));
    await key(splitter, { key: 'ArrowLeft' });
    expect(useLayoutStore.getState().detailWidth).toBe(DEFAULT_DETAIL_WIDTH + SPLITTER_STEP);
    await key(splitter, { key: 'ArrowRight', shiftKey: true });
    expect(useLayoutStore.getState().detailWidth).toBe(DEFAULT_DETAIL_WIDTH + SPLITTER_STEP - 4 * SPLITTER_STEP);
    expect(splitter.getAttribute('aria-valuenow')).toBe(String(DEFAULT_DETAIL_WIDTH - 3 * SPLITTER_STEP));
    for (let i = 0; i < 20; i += 1) await key(splitter, { key: 'ArrowRight', shiftKey: true });
    expect(useLayoutStore.getState().detailWidth).toBe(260);
    await key(splitter, { key: 'End' });
    expect(useLayoutStore.getState().detailWidth).toBe(MAX_DETAIL_WIDTH);
    await key(splitter, { key: 'Home' });
    expect(useLayoutStore.getState().detailWidth).toBeNull();
  });
});
