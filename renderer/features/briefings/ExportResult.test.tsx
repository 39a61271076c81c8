import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingExportOutcome } from '../../../preload/contract';
import { createFakeBridge } from '../../testing/fake-bridge';
import { render, type Rendered } from '../../testing/render';
import { ExportResult, WITHHELD_SHOWN } from './ExportDialog';

let view: Rendered | undefined;
beforeEach(() => {
  window.liaison = createFakeBridge().api;
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

const outcome = (withheld: number): BriefingExportOutcome => ({
  format: 'pdf', version: 3, fileName: 'wave-v3.pdf', bytes: 1024, marking: 'clear', tlpMax: 'clear', defanged: true, notes: [], auditId: 9,
  withheld: Array.from({ length: withheld }, (_, n) => ({ kind: 'indicator' as const, id: String(n), label: `domain:host-${n}.example`, tlp: 'amber' as const, reason: 'TLP:AMBER is above the export ceiling TLP:CLEAR' })),
});

describe('export result', () => {
  it('lists a bounded number of withheld items and counts the rest', async () => {
    view = await render(<ExportResult outcome={outcome(5_000)} />);
    const rows = view.container.querySelectorAll('table[aria-label="Withheld"] tbody tr');
    expect(rows).toHaveLength(WITHHELD_SHOWN);
    expect(view.container.textContent).toContain('Withheld at TLP:CLEAR: 5,000');
    expect(view.container.textContent).toContain(`… and ${(5_000 - WITHHELD_SHOWN).toLocaleString('en')} more`);
  });

  it('lists every item when there are few', async () => {
    view = await render(<ExportResult outcome={outcome(3)} />);
    expect(view.container.querySelectorAll('table[aria-label="Withheld"] tbody tr')).toHaveLength(3);
    expect(view.container.textContent).not.toContain('more, all listed');
  });
});
