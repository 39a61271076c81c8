import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProfile } from '../../../preload/contract';
import { useNavigationStore } from '../../app/navigation-store';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { click, getButton, render, settle, submit, type Rendered } from '../../testing/render';
import { resetOverlayStore, useOverlayStore } from '../queue/overlay-store';
import { resetQueueStore, useQueueStore } from '../queue/queue-store';
import { ShareToHubDialog } from './ShareToHubDialog';

const profile = (name: string, tlpMax: SyncProfile['tlpMax']): SyncProfile => ({
  id: name.length, name, discoveryUrl: `https://${name}.example/taxii2/`, apiRootUrl: null, pushCollection: `${name}-shared`, pullCollections: [],
  auth: 'none', user: null, customCa: false, tlpMax, createdAt: '2026-12-01T09:00:00.000Z', lastAttemptAt: null, lastSuccessAt: null, lastError: null,
});

let bridge: FakeBridge;
let view: Rendered | undefined;

beforeEach(() => {
  resetQueueStore();
  resetOverlayStore();
  bridge = createFakeBridge({ 'sync:profiles': () => ok([profile('hub', 'amber'), profile('partner', 'green')]) });
  window.liaison = bridge.api;
  useQueueStore.setState({ selection: new Set([11, 12, 13]) });
  useOverlayStore.getState().open({ kind: 'share-to-hub' });
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const calls = (channel: string) => bridge.calls.filter((call) => call.channel === channel);

async function openDialog(): Promise<HTMLElement> {
  view = await render(<ShareToHubDialog />);
  await settle();
  return document.querySelector('dialog')!;
}

describe('Share to hub', () => {
  it('shares the selection with the chosen profiles and shows what each queued and withheld', async () => {
    bridge.handle('sync:share', () => ok({ queued: 3, unchanged: 0, aboveCeiling: 0, profiles: ['hub'], perProfile: [{ profile: 'hub', queued: 3, withheld: 0 }] }));
    const dialog = await openDialog();
    expect(dialog.textContent).toContain('Share 3 indicators to hub');
    expect(dialog.textContent).toContain('hub-shared');
    const partner = [...dialog.querySelectorAll('label')].find((label) => label.textContent?.includes('partner'))!;
    await click(partner.querySelector('input')!);
    await submit(dialog.querySelector('form')!);
    await settle();
    expect(calls('sync:share').map((call) => call.request)).toEqual([{ indicatorIds: [11, 12, 13], profiles: ['hub'] }]);
    const row = dialog.querySelector('table[aria-label="Queued per profile"] tbody tr')!;
    expect([...row.children].map((cell) => cell.textContent)).toEqual(['hub', '3', '0']);
    expect(dialog.textContent).toContain('Queued 3 for sending.');
    // Shared once: the form is done, only Close is left.
    expect(() => getButton(dialog, 'Share')).toThrow();
  });

  it('shows per profile what the TLP ceiling withheld, and what was unchanged', async () => {
    bridge.handle('sync:share', () =>
      ok({ queued: 3, unchanged: 1, aboveCeiling: 2, profiles: ['hub', 'partner'], perProfile: [{ profile: 'hub', queued: 3, withheld: 0 }, { profile: 'partner', queued: 0, withheld: 2 }] }),
    );
    const dialog = await openDialog();
    await submit(dialog.querySelector('form')!);
    await settle();
    expect(calls('sync:share')[0]?.request).toEqual({ indicatorIds: [11, 12, 13], profiles: ['hub', 'partner'] });
    const rows = [...dialog.querySelectorAll('table[aria-label="Queued per profile"] tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([['hub', '3', '0'], ['partner', '0', '2']]);
    expect(dialog.textContent).toContain('1 unchanged since last shared');
  });

  it('keeps Share off with no profile chosen, and shows a refusal in words', async () => {
    bridge.handle('sync:share', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No indicator 13 in this vault.' } }));
    const dialog = await openDialog();
    const boxes = [...dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    for (const box of boxes) await click(box);
    expect(getButton(dialog, 'Share').disabled).toBe(true);
    await click(boxes[0]!);
    await submit(dialog.querySelector('form')!);
    await settle();
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe('No indicator 13 in this vault.');
    expect(getButton(dialog, 'Share').disabled).toBe(false);
  });

  it('without profiles says so and points to the Sync screen', async () => {
    bridge.handle('sync:profiles', () => ok([]));
    const dialog = await openDialog();
    expect(dialog.textContent).toContain('No sync profile yet');
    expect(() => getButton(dialog, 'Share')).toThrow();
    await click(getButton(dialog, 'Open the Sync screen'));
    expect(useNavigationStore.getState().section).toBe('sync');
    expect(useOverlayStore.getState().overlay).toBeNull();
    expect(calls('sync:share')).toHaveLength(0);
  });
});
