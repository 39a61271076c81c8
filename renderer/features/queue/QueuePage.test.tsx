import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary, QueueRow } from '../../../preload/contract';
import { Overlays } from '../../app/Overlays';
import { useCoreEvents } from '../../app/use-core-events';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { queueRow } from '../../testing/queue-rows';
import { click, getButton, render, settle, submit, type Rendered } from '../../testing/render';
import { resetImportStore } from '../import/import-store';
import { QueuePage } from './QueuePage';
import { resetDetailStore } from './detail-store';
import { resetOverlayStore } from './overlay-store';
import { resetQueueStore } from './queue-store';

const JOB = 'job-aaaaaaaa';
const row = queueRow(6, { value: 'evil.com' });
const summary: ImportSummary = {
  files: 1,
  records: 2,
  indicators_new: 1,
  indicators_merged: 0,
  rejected: 1,
  errors: [{ file: 'feed.csv', location: 'line 3, column "indicator"', reason: 'not an indicator value: ???' }],
  ambiguities: [],
  notes: [],
  results: [{ file: 'feed.csv', format: 'csv', committed: false, records: 2, indicatorsNew: 1, indicatorsMerged: 0, rejected: 1 }],
};

/** The page as the app mounts it: core events reach the stores through the app-wide subscription. */
function Harness() {
  useCoreEvents();
  return (
    <>
      <QueuePage />
      <Overlays />
    </>
  );
}

let bridge: FakeBridge;
let view: Rendered | undefined;
let vault: QueueRow[];

beforeEach(() => {
  resetImportStore();
  resetQueueStore();
  resetDetailStore();
  resetOverlayStore();
  vault = [];
  bridge = createFakeBridge({
    'queue:total': () => ok({ total: vault.length }),
    'queue:at': (request) => {
      const { position, limit } = request as { position: number; limit: number };
      return ok({ rows: vault.slice(position, position + limit), nextCursor: null, prevCursor: null });
    },
    'sources:list': () => ok([]),
    'views:list': () => ok([]),
    'triage:update': (request) => ok({ changeId: 1, count: (request as { ids: number[] }).ids.length }),
    'indicators:get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    'triage:detail': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    'import:start': () => ok({ jobId: JOB }),
    'import:cancel': () => ok({ cancelled: true }),
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
});

const text = () => view!.container.textContent ?? '';
const emit = (event: Parameters<FakeBridge['emit']>[0]) => act(() => bridge.emit(event));

async function chooseAndImport(): Promise<void> {
  await click(getButton(view!.container, 'Import…'));
  const input = view!.container.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File(['evil[.]com\n???\n'], 'feed.csv')], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await submit(view!.container.querySelector('form')!);
  await settle();
}

describe('QueuePage', () => {
  it('explains how to import when the vault is empty', async () => {
    view = await render(<Harness />);
    await settle();
    expect(text()).toContain('No indicators in the vault yet');
    expect(text()).toContain('npx liaison import FILE');
    expect(text()).not.toContain('arrives with the ingestion work');
  });

  it('imports chosen files, shows progress and the rejects, then reloads the list', async () => {
    view = await render(<Harness />);
    await settle();
    await chooseAndImport();
    expect(bridge.calls.find((call) => call.channel === 'import:start')?.request).toMatchObject({ strict: false, tlp: 'amber' });

    emit({ type: 'import:progress', jobId: JOB, progress: { file: 'feed.csv', fileIndex: 0, fileCount: 1, bytesRead: 8, bytesTotal: 16, records: 1, recordsPerSecond: 250 } });
    expect(text()).toContain('Importing file 1 of 1: feed.csv');
    expect(text()).toContain('8 B of 16 B');
    expect(text()).toContain('250 records/s');

    const countsBefore = bridge.calls.filter((call) => call.channel === 'queue:total').length;
    vault = [row];
    emit({ type: 'import:finished', jobId: JOB, summary });
    await settle();
    expect(text()).toContain('NOT IMPORTED');
    expect(text()).toContain('line 3, column "indicator"');
    expect(text()).toContain('Rejects 1');
    expect(bridge.calls.filter((call) => call.channel === 'queue:total').length).toBe(countsBefore + 1);
    expect(view.container.querySelector('[role="grid"][aria-label="Indicator queue"]')?.textContent).toContain('evil.com');
  });

  it('cancels the running import and says what that means for the vault', async () => {
    view = await render(<Harness />);
    await settle();
    await chooseAndImport();
    await click(getButton(view.container, 'Cancel'));
    expect(bridge.calls.find((call) => call.channel === 'import:cancel')?.request).toEqual({ jobId: JOB });
    emit({ type: 'import:failed', jobId: JOB, error: { code: 'CANCELLED', message: 'Import cancelled.' } });
    expect(text()).toContain('Import cancelled — the vault is unchanged for the file being imported');
  });

  it('shows an import failure', async () => {
    view = await render(<Harness />);
    await settle();
    await chooseAndImport();
    emit({ type: 'import:failed', jobId: JOB, error: { code: 'INTERNAL', message: 'The import failed unexpectedly; nothing was changed.' } });
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('nothing was changed');
  });

  it('triages by keyboard: j moves, a number sets the status, ? lists the keys; keys typed in fields are text', async () => {
    vault = [queueRow(0), queueRow(1), queueRow(2)];
    view = await render(<Harness />);
    await settle();
    const press = async (key: string, target: EventTarget = document.body) => {
      await act(async () => {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      });
      await settle();
    };
    const focused = () => view!.container.querySelector('[role="row"][aria-current="true"]')?.getAttribute('data-id');
    expect(focused()).toBe('1');
    await press('j');
    expect(focused()).toBe('2');
    await press('1');
    expect(bridge.calls.find((call) => call.channel === 'triage:update')?.request).toEqual({ ids: [2], patch: { status: 'malicious' } });
    expect(text()).toContain('Status set to Malicious: 1 indicator');

    const search = view.container.querySelector<HTMLInputElement>('#queue-search')!;
    await press('j', search);
    expect(focused()).toBe('2');
    await press('?');
    expect(document.querySelector('[role="dialog"]')?.textContent).toContain('Set status: False positive');
    await press('j', document.querySelector('[role="dialog"]')!);
    expect(focused()).toBe('2');
  });
});
