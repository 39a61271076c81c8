import { beforeEach, describe, expect, it } from 'vitest';
import type { IndicatorSummary, Result } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { resetQueueStore, selectQueueList, useQueueStore } from './queue-store';

const indicator = (id: number, value: string): IndicatorSummary => ({
  id,
  type: 'domain',
  value,
  display: null,
  tlp: 'amber',
  status: 'new',
  flags: [],
  confidence: null,
  firstSeen: null,
  lastSeen: null,
  validUntil: null,
  sightings: 1,
  sourceCount: 1,
});

let bridge: FakeBridge;
const store = () => useQueueStore.getState();

beforeEach(() => {
  resetQueueStore();
  bridge = createFakeBridge({ 'indicators:list': () => ok([indicator(1, 'evil.com')]) });
  window.liaison = bridge.api;
});

describe('useQueueStore', () => {
  it('lists up to 200 indicators and sends only the filters that are set', async () => {
    await store().load();
    await store().setFilter({ tlp: 'red', search: '  evil ' });
    expect(bridge.calls.map((call) => call.request)).toEqual([{ limit: 200 }, { limit: 200, tlp: 'red', search: 'evil' }]);
    expect(selectQueueList(store())).toEqual({ kind: 'ready', value: [indicator(1, 'evil.com')] });
  });

  it('keeps only the answer to the newest request when answers arrive out of order', async () => {
    const pending: Array<(result: Result<IndicatorSummary[]>) => void> = [];
    bridge.handle('indicators:list', () => new Promise((resolve) => pending.push(resolve)));
    const first = store().setFilter({ search: 'e' });
    const second = store().setFilter({ search: 'ev' });
    pending[1]?.(ok([indicator(2, 'evil.net')]));
    pending[0]?.(ok([indicator(1, 'evil.com'), indicator(2, 'evil.net')]));
    await Promise.all([first, second]);
    expect(selectQueueList(store())).toEqual({ kind: 'ready', value: [indicator(2, 'evil.net')] });
  });

  it('reloads the open indicator on refresh, and shows why it cannot be read', async () => {
    bridge.handle('indicators:get', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No indicator has id 1.' } }));
    await store().select(1);
    expect(store().detail).toEqual({ kind: 'failed', message: 'No indicator has id 1.' });
    await store().refresh();
    expect(bridge.calls.filter((call) => call.channel === 'indicators:get')).toHaveLength(2);
    store().closeDetail();
    expect(store().selectedId).toBeNull();
  });
});
