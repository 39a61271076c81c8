import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueuePage, Result } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { queueRow } from '../../testing/queue-rows';
import { getQueueRow, PAGE_SIZE, PASSING_FETCH_INTERVAL_MS, resetQueueStore, useQueueStore } from './queue-store';

const TOTAL = 5000;
let bridge: FakeBridge;
const store = () => useQueueStore.getState();
const calls = (channel: string) => bridge.calls.filter((call) => call.channel === channel).map((call) => call.request as Record<string, unknown>);
const page = (position: number, limit: number): QueuePage => ({
  rows: Array.from({ length: Math.max(0, Math.min(limit, TOTAL - position)) }, (_, k) => queueRow(position + k)),
  nextCursor: null,
  prevCursor: null,
});
/** Lets chained bridge promises (count, then pages, then refresh) settle. */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

beforeEach(() => {
  resetQueueStore();
  bridge = createFakeBridge({
    'queue:total': () => ok({ total: TOTAL }),
    'queue:at': (request) => {
      const { position, limit } = request as { position: number; limit: number };
      return ok(page(position, limit));
    },
    'triage:update': (request) => ok({ changeId: 1, count: (request as { ids: number[] }).ids.length }),
    'triage:bulk': () => ok({ changeId: 2, count: 1234 }),
    'triage:undo': () => ok(null),
  });
  window.liaison = bridge.api;
});

describe('useQueueStore', () => {
  it('counts the view, then fetches the pages around the viewport by position', async () => {
    await store().load();
    await settle();
    expect(store().total).toBe(TOTAL);
    expect(calls('queue:total')).toEqual([{ filter: {}, sort: { key: 'last_seen', direction: 'desc' } }]);
    expect(calls('queue:at').map((request) => request.position)).toEqual([0, PAGE_SIZE, 2 * PAGE_SIZE]);
    expect(getQueueRow(0)?.value).toBe('host-0.example');
    expect(getQueueRow(3 * PAGE_SIZE)).toBeUndefined();
  });

  it('reaches a row far down by asking for the page at its position, never the rows before it', async () => {
    await store().load();
    await settle();
    store().showRows(4_500, 4_530);
    await settle();
    const positions = calls('queue:at').map((request) => request.position);
    expect(positions).toContain(4_400);
    expect(positions).not.toContain(2_000);
    expect(getQueueRow(4_510)?.id).toBe(4_511);
  });

  it('keeps at most two page requests in flight during a fast scroll', async () => {
    const pending: Array<() => void> = [];
    bridge.handle('queue:at', (request) => {
      const { position, limit } = request as { position: number; limit: number };
      return new Promise<Result<QueuePage>>((resolve) => pending.push(() => resolve(ok(page(position, limit)))));
    });
    await store().load();
    for (const first of [1000, 2000, 3000, 4000]) store().showRows(first, first + 30);
    await settle();
    expect(calls('queue:at')).toHaveLength(2);
    pending.shift()?.();
    await settle();
    // The freed slot goes to the page the viewport shows now, not to the ones scrolled past.
    expect(calls('queue:at').at(-1)?.position).toBe(4000);
  });

  describe('while the rows shown are passing by (a scrollbar drag)', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());
    const positions = () => calls('queue:at').map((request) => request.position);

    it('asks for the rows in view at most once an interval, without the pages around them, then for those once it stops', async () => {
      await store().load();
      await settle();
      const before = positions().length;
      store().showRows(1000, 1030, true);
      await settle();
      expect(positions().slice(before)).toEqual([1000]);
      // Passing on within the interval: nothing more, however many pages go by.
      for (const first of [1400, 1800, 2200, 2600]) store().showRows(first, first + 30, true);
      await settle();
      expect(positions().slice(before)).toEqual([1000]);
      // The interval ends while it still passes: the rows in view now, still no neighbours.
      await vi.advanceTimersByTimeAsync(PASSING_FETCH_INTERVAL_MS);
      expect(positions().slice(before)).toEqual([1000, 2600]);
      // A whole interval without passing: it has stopped, and the pages around it follow.
      await vi.advanceTimersByTimeAsync(PASSING_FETCH_INTERVAL_MS);
      expect(positions().slice(before)).toEqual([1000, 2600, 2800, 2400, 3000, 2200]);
    });

    it('fetches at once, neighbours included, when the list moves on by scrolling', async () => {
      await store().load();
      await settle();
      store().showRows(1000, 1030, true);
      store().showRows(4000, 4030, true);
      store().showRows(4010, 4040);
      await settle();
      expect(positions()).toContain(4000);
      expect(positions()).toContain(4200);
      expect(positions()).toContain(3800);
      expect(vi.getTimerCount()).toBe(0);
    });
  });

  it('changes the selection when there is one, else the focused row, then reloads', async () => {
    await store().load();
    await settle();
    store().focus(3);
    await store().update({ status: 'benign' }, 'Status set to Benign');
    store().toggleSelect(0);
    store().toggleSelect(2);
    expect(store().selection).toEqual(new Set([1, 3]));
    await store().update({ status: 'malicious' }, 'Status set to Malicious');
    await settle();
    expect(calls('triage:update')).toEqual([
      { ids: [4], patch: { status: 'benign' } },
      { ids: [1, 3], patch: { status: 'malicious' } },
    ]);
    expect(store().selection.size).toBe(0);
    expect(store().notice).toEqual({ tone: 'success', text: 'Status set to Malicious: 2 indicators. Press u to undo.' });
    expect(calls('queue:total').length).toBeGreaterThanOrEqual(3);
    expect(store().writes).toBe(2);
  });

  it('selects a range, fetching the pages it spans', async () => {
    await store().load();
    await settle();
    store().toggleSelect(190);
    await store().selectRange(450);
    expect(store().selection.size).toBe(261);
    expect(store().selection.has(451)).toBe(true);
  });

  it('applies a bulk change to the filtered set and says when there is nothing to undo', async () => {
    await store().setForm({ type: 'domain' });
    await settle();
    await store().updateAll({ status: 'benign' }, 'Marked as benign');
    expect(calls('triage:bulk')).toEqual([{ filter: { conditions: [{ field: 'type', op: '=', value: 'domain' }] }, patch: { status: 'benign' } }]);
    expect(store().notice?.text).toBe('Marked as benign: 1,234 indicators. Press u to undo.');
    await store().undo();
    expect(store().notice?.text).toBe('Nothing to undo.');
  });

  it('keeps only the newest view when counts answer out of order', async () => {
    const pending: Array<(total: number) => void> = [];
    bridge.handle('queue:total', () => new Promise((resolve) => pending.push((total) => resolve(ok({ total })))));
    const first = store().setForm({ type: 'url' });
    const second = store().setForm({ type: 'domain' });
    pending[1]?.(12);
    pending[0]?.(99);
    await Promise.all([first, second]);
    expect(store().total).toBe(12);
  });

  it('counts again once when the position index is stale, then shows a persistent failure', async () => {
    await store().load();
    await settle();
    bridge.handle('queue:at', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'The queue changed since its position index was built; rebuild it.' } }));
    const totals = calls('queue:total').length;
    store().showRows(3000, 3030);
    await settle();
    expect(calls('queue:total').length).toBe(totals + 1);
    expect(store().loadError).toContain('The queue changed');
  });
});
