import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueExportOutcome, QueueFilter } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { render, settle, type Rendered } from '../../testing/render';
import { resetOverlayStore, useOverlayStore } from './overlay-store';
import { QueueExportDialog } from './QueueExportDialog';
import { resetQueueStore, useQueueStore } from './queue-store';

let view: Rendered | undefined;
let bridge: FakeBridge;
const filter: QueueFilter = { conditions: [{ field: 'status', op: '=', value: 'malicious' }], text: 'lantern' };
const outcome: QueueExportOutcome = { fileName: 'queue-20261206-2109.txt', format: 'txt', tlpMax: 'amber', defanged: true, bytes: 2048, count: 41, withheld: 3, marking: 'amber' };

beforeEach(() => {
  resetQueueStore();
  resetOverlayStore();
  useQueueStore.setState({ filter, total: 44 });
  useOverlayStore.getState().open({ kind: 'export-queue' });
  bridge = createFakeBridge({ 'queue:export': () => ok(outcome) });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const button = (text: RegExp) => [...document.querySelectorAll('button')].find((each) => text.test(each.textContent ?? ''))!;

describe('QueueExportDialog', () => {
  it('exports the current filter in the chosen format at the chosen ceiling, then hands the file over', async () => {
    const saved: string[] = [];
    bridge.files.saveExport = async (name) => {
      saved.push(name);
      return ok({ saved: true });
    };
    view = await render(<QueueExportDialog />);
    expect(document.querySelector('dialog')?.textContent).toContain('Exports the 44 indicators the current filters select.');
    const txt = document.querySelector<HTMLInputElement>('input[type="radio"][value="txt"]')!;
    const select = document.querySelector<HTMLSelectElement>('select.tlp-select')!;
    await act(async () => {
      txt.click();
      select.value = 'amber';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => button(/^Export$/).click());
    await settle();

    expect(bridge.calls.filter((c) => c.channel === 'queue:export').map((c) => c.request)).toEqual([{ filter, format: 'txt', tlpMax: 'amber', defang: true }]);
    const result = document.querySelector('[aria-label="Export result"]')!;
    expect(result.textContent).toContain('Exported 41 indicators to queue-20261206-2109.txt');
    expect(result.textContent).toContain('3 above TLP:AMBER withheld.');
    const download = button(/Download queue-20261206-2109\.txt/);
    expect(document.activeElement).toBe(download);
    await act(async () => download.click());
    await settle();
    expect(saved).toEqual(['queue-20261206-2109.txt']);
    expect(result.textContent).toContain('queue-20261206-2109.txt saved.');
  });

  it('never asks STIX to be defanged, and shows the core’s refusal', async () => {
    bridge.handle('queue:export', () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'The filter selects more than 200000 indicators; narrow it to export.' } }));
    view = await render(<QueueExportDialog />);
    await act(async () => document.querySelector<HTMLInputElement>('input[type="radio"][value="stix"]')!.click());
    expect(document.querySelector<HTMLInputElement>('input[type="checkbox"]')!.disabled).toBe(true);
    await act(async () => button(/^Export$/).click());
    await settle();
    expect(bridge.calls.find((c) => c.channel === 'queue:export')?.request).toEqual({ filter, format: 'stix', tlpMax: 'green', defang: false });
    expect(document.querySelector('dialog')?.textContent).toContain('narrow it to export');
    expect(document.querySelector('[aria-label="Export result"]')).toBeNull();
    await act(async () => button(/^Close$/).click());
    expect(useOverlayStore.getState().overlay).toBeNull();
  });
});
