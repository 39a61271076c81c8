import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingDetail, BundleExportOutcome, SyncProfile, TrustedIdentity } from '../../../preload/contract';
import { useNavigationStore } from '../../app/navigation-store';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { click, getButton, render, settle, submit, type Rendered } from '../../testing/render';
import { resetBriefingsStore } from './briefings-store';
import { BriefingsPage } from './BriefingsPage';

const detail = (patch: Partial<BriefingDetail> = {}): BriefingDetail => ({
  id: 7,
  uid: 'b-7',
  title: 'Wave 2 phishing',
  tlp: 'amber',
  status: 'approved',
  version: 2,
  hasUnsavedDraft: false,
  indicatorCount: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'kim',
  updatedAt: '2026-12-01T10:00:00.000Z',
  summary: 'Phishing against ministries.',
  sections: [{ id: 's-1', heading: 'Infrastructure', bodyMarkdown: 'Two hosts', tlp: 'red' }],
  authors: [],
  distribution: [],
  techniques: [],
  references: [],
  validUntil: null,
  shownVersion: 0,
  revision: 3,
  indicators: [],
  techniqueDetails: [],
  marking: 'red',
  ...patch,
});

const profile = (name: string, tlpMax: SyncProfile['tlpMax']): SyncProfile => ({
  id: name.length,
  name,
  discoveryUrl: `https://${name}.example/taxii2/`,
  apiRootUrl: null,
  pushCollection: `${name}-shared`,
  pullCollections: [],
  auth: 'none',
  user: null,
  customCa: false,
  tlpMax,
  createdAt: '2026-12-01T09:00:00.000Z',
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
});

const PARTNER: TrustedIdentity = {
  fingerprint: 'ABCD-EFGH-IJKL-MNOP-QRST',
  stixId: 'identity--0b5a8a3e-6d5b-4b8e-9f1e-2a8e1c0d9f11',
  analyst: 'lea',
  organisation: 'CERT-Partner',
  minisignPublicKey: 'RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3',
  ageRecipient: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
  createdAt: '2026-11-01T00:00:00.000Z',
  name: 'Partner CERT',
  addedAt: '2026-11-02T00:00:00.000Z',
  addedBy: 'kim',
};

const OUTCOME: BundleExportOutcome = {
  file: 'bundle-wave-2.liaison',
  bundleId: 'bundle--5d0ae1a4-0bd8-4a2e-9b5c-2d5b8f3f6f10',
  kind: 'encrypted',
  tlpMax: 'amber',
  objects: { total: 6, byType: { report: 1, indicator: 4, identity: 1 } },
  indicators: 4,
  withheld: 1,
  recipients: [{ ageRecipient: PARTNER.ageRecipient, fingerprint: PARTNER.fingerprint, name: PARTNER.name }],
  custodyEntries: 3,
  bytes: 4096,
  sha256: 'a'.repeat(64),
  signer: 'QRST-ABCD-EFGH-IJKL-MNOP',
};

let bridge: FakeBridge;
let view: Rendered | undefined;

beforeEach(() => {
  resetBriefingsStore();
  useNavigationStore.setState({ section: 'briefings' });
  bridge = createFakeBridge({
    'briefings:list': () => ok([detail()]),
    'briefings:get': () => ok(detail()),
    'attack:catalogues': () => ok([]),
    'sync:profiles': () => ok([profile('hub', 'amber'), profile('partner', 'green')]),
    'bundles:trustList': () => ok([PARTNER]),
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const text = () => view!.container.textContent ?? '';
const dialog = () => document.querySelector('dialog') as unknown as HTMLElement;
const callsTo = (channel: string) => bridge.calls.filter((call) => call.channel === channel);

async function openBriefing(): Promise<void> {
  view = await render(<BriefingsPage />);
  await settle();
  await click(getButton(view.container, 'Wave 2 phishing'));
  await settle();
}

async function openDialog(name: string): Promise<HTMLElement> {
  await click(getButton(view!.container, name));
  await settle();
  return dialog();
}

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('Publish to sync', () => {
  it('queues the approved briefing for the chosen profiles, reports each, and turns the editor read-only', async () => {
    await openBriefing();
    const published = detail({ status: 'published' });
    bridge.handle('sync:publish', () => ok({ briefingId: 7, version: 2, profiles: [{ profile: 'hub', queued: 12, withheld: 2 }] }));
    const panel = await openDialog('Publish to sync…');
    expect(panel.textContent).toContain('hub-shared');
    // The AMBER briefing is above the partner's GREEN ceiling: said before publishing, and left out here.
    const partner = [...panel.querySelectorAll('label')].find((label) => label.textContent?.includes('partner-shared'))!;
    expect(partner.textContent).toContain('above this ceiling: nothing will be queued for it');
    await click(partner.querySelector('input')!);
    bridge.handle('briefings:get', () => ok(published));
    await submit(panel.querySelector('form')!);
    await settle();

    expect(callsTo('sync:publish').map((call) => call.request)).toEqual([{ briefingId: 7, profiles: ['hub'] }]);
    const row = panel.querySelector('table[aria-label="Queued per profile"] tbody tr')!;
    expect([...row.children].map((cell) => cell.textContent)).toEqual(['hub', '12', '2']);
    expect(panel.textContent).toContain('Version 2 published.');
    // Refetched: the stored state, not a guess, makes the briefing final.
    expect(callsTo('briefings:get').length).toBe(2);
    await click(getButton(panel, 'Close'));
    expect(document.querySelector('dialog')).toBeNull();
    expect(text()).toContain('Published: this briefing is final');
    expect(() => getButton(view!.container, 'Publish to sync…')).toThrow();
  });

  it('shows what the core refused per profile and keeps the publish button off when nothing is chosen', async () => {
    await openBriefing();
    bridge.handle('sync:publish', () =>
      ok({ briefingId: 7, version: 2, profiles: [{ profile: 'partner', queued: 0, withheld: 0, refused: "the briefing is TLP:AMBER, above this profile's ceiling TLP:GREEN" }] }),
    );
    const panel = await openDialog('Publish to sync…');
    const boxes = [...panel.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    for (const box of boxes) await click(box);
    expect(getButton(panel, 'Publish').disabled).toBe(true);
    await click(boxes[1]!);
    await submit(panel.querySelector('form')!);
    await settle();
    expect(callsTo('sync:publish')[0]?.request).toEqual({ briefingId: 7, profiles: ['partner'] });
    expect(panel.querySelector('tbody tr')?.textContent).toContain("nothing: the briefing is TLP:AMBER, above this profile's ceiling TLP:GREEN");
  });

  it('without profiles says so and points to the Sync screen', async () => {
    bridge.handle('sync:profiles', () => ok([]));
    await openBriefing();
    const panel = await openDialog('Publish to sync…');
    expect(panel.textContent).toContain('No sync profile yet: add a TAXII server on the Sync screen');
    expect(() => getButton(panel, 'Publish')).toThrow();
    await click(getButton(panel, 'Open the Sync screen'));
    expect(useNavigationStore.getState().section).toBe('sync');
    expect(callsTo('sync:publish')).toHaveLength(0);
  });

  it('shows a failed publish and leaves the briefing approved', async () => {
    await openBriefing();
    bridge.handle('sync:publish', () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'Briefing 7 is already published.' } }));
    const panel = await openDialog('Publish to sync…');
    await submit(panel.querySelector('form')!);
    await settle();
    expect(panel.querySelector('[role="alert"]')?.textContent).toBe('Briefing 7 is already published.');
    expect(panel.querySelector('table')).toBeNull();
    expect(getButton(panel, 'Publish').disabled).toBe(false);
    expect(callsTo('briefings:get')).toHaveLength(1);
  });

  it('says when the profiles cannot be listed, and is offered only for an approved briefing', async () => {
    bridge.handle('sync:profiles', () => ({ ok: false, error: { code: 'LOCKED', message: 'The vault is locked.' } }));
    await openBriefing();
    const panel = await openDialog('Publish to sync…');
    expect(panel.querySelector('[role="alert"]')?.textContent).toBe('The sync profiles could not be listed: The vault is locked.');
    expect(() => getButton(panel, 'Publish')).toThrow();
    view!.unmount();

    resetBriefingsStore();
    bridge.handle('briefings:get', () => ok(detail({ status: 'in-review' })));
    await openBriefing();
    expect(() => getButton(view!.container, 'Publish to sync…')).toThrow();
  });
});

describe('Share as bundle', () => {
  it('exports this briefing encrypted to a chosen partner and hands the file out as the Bundles screen does', async () => {
    const saved: string[] = [];
    bridge.files.saveExport = async (name) => {
      saved.push(name);
      return ok({ saved: true });
    };
    bridge.handle('bundles:export', () => ok(OUTCOME));
    await openBriefing();
    const panel = await openDialog('Share as bundle…');
    // The ceiling starts at the export marking (RED here), which needs a recipient first.
    const ceiling = panel.querySelector('select')!;
    expect(ceiling.value).toBe('red');
    expect(panel.textContent).toContain('TLP:RED leaves only encrypted to named recipients.');
    expect(getButton(panel, 'Share').disabled).toBe(true);
    choose(ceiling, 'amber');
    await click(panel.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await submit(panel.querySelector('form')!);
    await settle();

    expect(callsTo('bundles:export').map((call) => call.request)).toEqual([{ briefingIds: [7], tlpMax: 'amber', recipients: [PARTNER.fingerprint], plain: false }]);
    expect(panel.textContent).toContain('Exported bundle-wave-2.liaison: encrypted, 4 indicators, 1 withheld above the ceiling.');
    await click(getButton(panel, 'Download bundle-wave-2.liaison'));
    await settle();
    expect(saved).toEqual(['bundle-wave-2.liaison']);
    expect(panel.textContent).toContain('bundle-wave-2.liaison saved.');
  });

  it('with the partners unlisted still shares signed only, and shows a refused export', async () => {
    bridge.handle('bundles:trustList', () => ({ ok: false, error: { code: 'INTERNAL', message: 'trust store unreadable' } }));
    bridge.handle('bundles:export', () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'Briefing 7 has no saved version to export.' } }));
    await openBriefing();
    const panel = await openDialog('Share as bundle…');
    expect(panel.textContent).toContain('The trusted partners could not be listed: trust store unreadable');
    choose(panel.querySelector('select')!, 'green');
    await submit(panel.querySelector('form')!);
    await settle();
    expect(callsTo('bundles:export')[0]?.request).toEqual({ briefingIds: [7], tlpMax: 'green', recipients: [], plain: false });
    const alerts = [...panel.querySelectorAll('[role="alert"]')].map((each) => each.textContent);
    expect(alerts).toContain('Briefing 7 has no saved version to export.');
    expect(panel.textContent).not.toContain('Exported');
  });

  it('shows why handing the file out failed', async () => {
    bridge.files.saveExport = async () => ({ ok: false, error: { code: 'INTERNAL', message: 'The export folder is gone.' } });
    bridge.handle('bundles:export', () => ok(OUTCOME));
    await openBriefing();
    const panel = await openDialog('Share as bundle…');
    choose(panel.querySelector('select')!, 'amber');
    await submit(panel.querySelector('form')!);
    await settle();
    await click(getButton(panel, 'Download bundle-wave-2.liaison'));
    await settle();
    expect(panel.textContent).toContain('The export folder is gone.');
  });
});
