import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefingDetail, BriefingSummary } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { click, getButton, render, settle, type Rendered } from '../../testing/render';
import { AUTOSAVE_DELAY_MS } from './autosave';
import { resetBriefingsStore, useBriefingsStore } from './briefings-store';
import { BriefingsPage } from './BriefingsPage';

const summary: BriefingSummary = {
  id: 7,
  title: 'Wave 2 phishing',
  tlp: 'amber',
  status: 'draft',
  version: 1,
  hasUnsavedDraft: false,
  indicatorCount: 1,
  techniqueCount: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'kim',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const detail = (patch: Partial<BriefingDetail> = {}): BriefingDetail => ({
  ...summary,
  uid: 'b-7',
  summary: 'Phishing against ministries.',
  sections: [{ id: 's-1', heading: 'Infrastructure', bodyMarkdown: 'Seen on **two** hosts <script>alert(1)</script>', tlp: 'red' }],
  authors: [],
  distribution: [],
  techniques: ['T1566.001', 'T9999'],
  references: [],
  validUntil: null,
  shownVersion: 0,
  revision: 3,
  indicators: [
    { id: 11, type: 'domain', value: 'evil.example', tlp: 'green', status: 'benign', confidence: null, sightings: 4, firstSeen: null, lastSeen: null, tags: [] },
  ],
  techniqueDetails: [{ id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], url: null }],
  marking: 'red',
  ...patch,
});

/** A textarea or input's value, set the way React notices. */
function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

let bridge: FakeBridge;
let view: Rendered | undefined;

beforeEach(() => {
  resetBriefingsStore();
  bridge = createFakeBridge({
    'briefings:list': () => ok([summary]),
    'briefings:get': () => ok(detail()),
    'briefings:save-draft': (request) => ok({ revision: ((request as { expectedRevision: number }).expectedRevision ?? 0) + 1, savedAt: '2026-12-01T10:05:00.000Z' }),
    'briefings:save': () => ok(detail({ version: 2, revision: 5, title: 'Wave 2 phishing, update' })),
    'briefings:detach': () => ok({ changed: 1, unchanged: 0, notFound: [], notFoundCount: 0, total: 0, version: 3 }),
    'briefings:versions': () =>
      ok([2, 1].map((version) => ({ version, title: 'Wave 2 phishing', tlp: 'amber', createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'kim', note: null, restoredFrom: null, publishedAt: null, indicatorCount: 1 }))),
    'briefings:diff': () => ok({ id: 7, from: 1, to: 2, unified: '--- v1\n+++ v2\n@@ -1 +1 @@\n-title: Wave 2\n+title: Wave 3', added: 1, removed: 1 }),
    'briefings:restore': () => ok(detail({ version: 3, revision: 9 })),
    'briefings:templates': () =>
      ok([
        { id: 1, key: 'car', name: 'Cyber Activity Report', description: 'For member countries', builtIn: true, sections: [], createdBy: null, createdAt: '2026-01-01T00:00:00.000Z' },
        { id: 5, key: null, name: 'Ransomware weekly', description: '', builtIn: false, sections: [], createdBy: 'kim', createdAt: '2026-11-01T00:00:00.000Z' },
      ]),
    'briefings:create': () => ok(detail({ id: 7 })),
    'attack:catalogues': () => ok([]),
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.useRealTimers();
});

const text = () => view!.container.textContent ?? '';

async function openBriefing(): Promise<void> {
  view = await render(<BriefingsPage />);
  await settle();
  await click(getButton(view.container, 'Wave 2 phishing'));
  await settle();
}

describe('BriefingsPage', () => {
  it('lists briefings with status and marking, and opens one with the export marking in view', async () => {
    await openBriefing();
    // The RED section raises the AMBER document: the banner says what an export would carry, and why.
    const banner = view!.container.querySelector('.tlp-banner')!;
    expect(banner.textContent).toContain('TLP:RED');
    expect(banner.textContent).toContain('section “Infrastructure” (TLP:RED)');
    // The preview renders Markdown and shows raw HTML as text.
    const preview = view!.container.querySelector('.briefing-preview')!;
    expect(preview.querySelector('strong')?.textContent).toBe('two');
    expect(preview.querySelector('script')).toBeNull();
    // Live triage state of the attachment; techniques by name, and an id no catalogue knows, as the id.
    expect(text()).toContain('Benign');
    expect(text()).toContain('Spearphishing Attachment');
    expect(view!.container.querySelector('.attack-matrix')?.textContent).toContain('T9999');
    expect(view!.container.querySelector('.attack-matrix')?.textContent).toContain('Initial Access');
    expect(text()).toContain('No ATT&CK catalogue is loaded: ids are kept and shown as ids.');
  });

  it('autosaves only what changed, once typing pauses, and saves a version on request', async () => {
    await openBriefing();
    vi.useFakeTimers();
    const title = view!.container.querySelector<HTMLInputElement>('.briefing-title-field input')!;
    for (const value of ['W', 'Wa', 'Wave 3']) typeInto(title, value);
    expect(bridge.calls.filter((call) => call.channel === 'briefings:save-draft')).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    });
    const drafts = bridge.calls.filter((call) => call.channel === 'briefings:save-draft');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.request).toEqual({ id: 7, expectedRevision: 3, content: { title: 'Wave 3' } });
    vi.useRealTimers();

    await click(getButton(view!.container, 'Save version Ctrl S'));
    await settle();
    expect(bridge.calls.find((call) => call.channel === 'briefings:save')?.request).toEqual({ id: 7, expectedRevision: 4 });
    expect(text()).toContain('Saved as version 2.');
  });

  it('detaches an indicator and makes a published briefing read-only', async () => {
    await openBriefing();
    await click(view!.container.querySelector<HTMLButtonElement>('button[aria-label="Detach evil.example"]')!);
    await settle();
    expect(bridge.calls.find((call) => call.channel === 'briefings:detach')?.request).toEqual({ id: 7, indicatorIds: [11] });
    view!.unmount();

    resetBriefingsStore();
    bridge.handle('briefings:get', () => ok(detail({ status: 'published' })));
    await openBriefing();
    expect(text()).toContain('Published: this briefing is final');
    expect(view!.container.querySelector<HTMLInputElement>('.briefing-title-field input')?.disabled).toBe(true);
    expect(getButton(view!.container, 'Save version Ctrl S').disabled).toBe(true);
    expect(view!.container.querySelector('button[aria-label="Detach evil.example"]')).toBeNull();
  });

  it('diffs two versions and restores an old one as a new version', async () => {
    await openBriefing();
    await click(getButton(view!.container, 'Versions…'));
    await settle();
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    await click(getButton(dialog as unknown as HTMLElement, 'Show diff'));
    await settle();
    expect(bridge.calls.find((call) => call.channel === 'briefings:diff')?.request).toEqual({ id: 7, from: 1, to: 2 });
    expect(dialog.querySelector('.diff-add')?.textContent).toContain('+title: Wave 3');
    expect(dialog.querySelector('.diff-del')?.textContent).toContain('-title: Wave 2');
    await click(getButton(dialog as unknown as HTMLElement, 'Restore v1'));
    await settle();
    expect(bridge.calls.find((call) => call.channel === 'briefings:restore')?.request).toEqual({ id: 7, version: 1 });
    expect(text()).toContain('Version 1 restored as version 3.');
  });

  it('creates a briefing from the Cyber Activity Report template, or from a saved one', async () => {
    view = await render(<BriefingsPage />);
    await settle();
    await click(getButton(view.container, 'New briefing… n'));
    await settle();
    const dialog = document.querySelector('dialog')! as unknown as HTMLElement;
    expect(dialog.textContent).toContain('Ransomware weekly');
    expect(dialog.textContent).toContain('(saved by kim)');
    const title = dialog.querySelector<HTMLInputElement>('input[type="text"]')!;
    typeInto(title, 'Wave 3');
    await act(async () => {
      dialog.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(bridge.calls.find((call) => call.channel === 'briefings:create')?.request).toEqual({ title: 'Wave 3', templateId: 1 });
  });

  it('after another editor saved first, keeps what was typed here and saves it over the stored draft', async () => {
    let conflicts = 1;
    bridge.handle('briefings:save-draft', (request) => {
      if (conflicts-- > 0) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Briefing 7 was changed elsewhere (revision 6, yours 3); reload it before saving.' } };
      return ok({ revision: (request as { expectedRevision: number }).expectedRevision + 1, savedAt: '2026-12-01T10:06:00.000Z' });
    });
    await openBriefing();
    const title = view!.container.querySelector<HTMLInputElement>('.briefing-title-field input')!;
    typeInto(title, 'Wave 2, mine');
    await act(async () => {
      await useBriefingsStore.getState().saveDraftNow().catch(() => undefined);
    });
    expect(text()).toContain('draft not saved: Briefing 7 was changed elsewhere');
    bridge.handle('briefings:get', () => ok(detail({ revision: 6, title: 'Wave 2, theirs' })));
    await click(getButton(view!.container, 'Save mine over it'));
    await settle();
    const last = bridge.calls.filter((call) => call.channel === 'briefings:save-draft').at(-1)?.request as { expectedRevision: number; content: { title: string } };
    expect(last.expectedRevision).toBe(6);
    expect(last.content.title).toBe('Wave 2, mine');
    expect(title.value).toBe('Wave 2, mine');
    expect(view!.container.querySelector('.save-state')?.getAttribute('data-state')).toBe('saved');
  });

  it('is keyboard-first on the list: j focuses a briefing, n opens the new-briefing dialog', async () => {
    view = await render(<BriefingsPage />);
    await settle();
    const press = (key: string) =>
      act(() => {
        (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      });
    press('j');
    expect(document.activeElement?.textContent).toBe('Wave 2 phishing');
    press('n');
    await settle();
    expect(document.querySelector('dialog')?.textContent).toContain('New briefing');
  });
});
