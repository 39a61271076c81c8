import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleIdentity, BundleVerification } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { click, getButton, render, settle, type Rendered } from '../../testing/render';
import { useBundlesStore } from './bundles-store';
import { BundlesPage } from './BundlesPage';

const identity = (analyst: string, fingerprint: string): BundleIdentity => ({
  fingerprint,
  stixId: 'identity--0b5a8a3e-6d5b-4b8e-9f1e-2a8e1c0d9f11',
  analyst,
  organisation: `${analyst} CERT`,
  minisignPublicKey: 'RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3',
  ageRecipient: 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p',
  createdAt: '2026-11-01T00:00:00.000Z',
});

const OWN = identity('kim', 'KKKK-KKKK-KKKK-KKKK-KKKK');

/** A valid bundle from a signer this vault does not trust. */
const unknownSigner = (bundleId: string, analyst: string): BundleVerification => ({
  ok: true,
  file: `${analyst}.liaison`,
  problem: null,
  problems: [],
  encrypted: false,
  bundleId,
  format: 'liaison-bundle/1',
  created: '2026-12-01T10:00:00.000Z',
  tool: 'Liaison Workbench 0.1.0',
  tlpMax: 'amber',
  encryptedTo: [],
  signer: { fingerprint: `${analyst.toUpperCase().padEnd(4, 'X').slice(0, 4)}-AAAA-BBBB-CCCC-DDDD`, analyst, organisation: `${analyst} CERT`, trusted: false, trustedAs: null },
  objects: { total: 3, byType: { indicator: 3 } },
  payload: [],
  custody: { verified: true, head: 'f'.repeat(64), entries: [] },
  importedBefore: 0,
});

let bridge: FakeBridge;
let view: Rendered | undefined;

beforeEach(() => {
  useBundlesStore.setState({ identity: null, trusted: [], imports: [], loadError: null, receive: { kind: 'idle' }, trustAdd: { kind: 'idle' }, exportResult: { kind: 'idle' } });
  bridge = createFakeBridge({
    'bundles:identity': () => ok(OWN),
    'bundles:trustList': () => ok([]),
    'bundles:imports': () => ok([]),
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const file = (name: string) => new File([new Uint8Array([1, 2, 3])], name);
const checkbox = (label: string) => [...view!.container.querySelectorAll('label')].find((each) => each.textContent?.includes(label))?.querySelector('input') ?? null;
const callsTo = (channel: string) => bridge.calls.filter((call) => call.channel === channel);

describe('Bundles screen: a confirmation belongs to the bundle or identity it was given for', () => {
  it('accepting one unknown signer does not accept the next bundle dropped on the window', async () => {
    let verified = 0;
    const reports = [unknownSigner('bundle--1', 'eve'), unknownSigner('bundle--2', 'mallory')];
    bridge.handle('bundles:verify', () => ok({ ticket: `ticket-${verified}`, report: reports[verified++]! }));
    view = await render(<BundlesPage />);
    await settle();

    // Dropped on the window: the workspace hands the file to the store, as here.
    await act(() => useBundlesStore.getState().verifyFiles([file('eve.liaison')]));
    await settle();
    expect(getButton(view.container, 'Import 3 objects').disabled).toBe(true);
    await click(checkbox('Import although the signer is not trusted')!);
    expect(getButton(view.container, 'Import 3 objects').disabled).toBe(false);

    await act(() => useBundlesStore.getState().verifyFiles([file('mallory.liaison')]));
    await settle();
    expect(view.container.textContent).toContain('mallory (mallory CERT)');
    expect(checkbox('Import although the signer is not trusted')!.checked).toBe(false);
    expect(getButton(view.container, 'Import 3 objects').disabled).toBe(true);

    bridge.handle('bundles:import', () => ok({ bundleId: 'bundle--2', records: 3, indicatorsNew: 3, indicatorsMerged: 0, custody: [] }));
    await click(checkbox('Import although the signer is not trusted')!);
    await click(getButton(view.container, 'Import 3 objects'));
    await settle();
    expect(callsTo('bundles:import').map((call) => call.request)).toEqual([{ ticket: 'ticket-1', acceptUnknownSigner: true }]);
  });

  it('a fingerprint ticked as compared, then cancelled, is not ticked for the next identity file', async () => {
    let previews = 0;
    const files = [identity('eve', 'EEEE-EEEE-EEEE-EEEE-EEEE'), identity('mallory', 'MMMM-MMMM-MMMM-MMMM-MMMM')];
    bridge.handle('bundles:trustPreview', () => ok({ ticket: `trust-${previews}`, identity: files[previews++]! }));
    view = await render(<BundlesPage />);
    await settle();

    await act(() => useBundlesStore.getState().previewTrust([file('eve.pub.json')]));
    await settle();
    await click(checkbox('I compared the fingerprint with them and it matches')!);
    expect(getButton(view.container, 'Trust this identity').disabled).toBe(false);
    await click(getButton(view.container, 'Cancel'));

    await act(() => useBundlesStore.getState().previewTrust([file('mallory.pub.json')]));
    await settle();
    expect(view.container.querySelector('[data-testid="trust-fingerprint"]')?.textContent).toBe('MMMM-MMMM-MMMM-MMMM-MMMM');
    expect(checkbox('I compared the fingerprint with them and it matches')!.checked).toBe(false);
    expect(getButton(view.container, 'Trust this identity').disabled).toBe(true);
  });
});
