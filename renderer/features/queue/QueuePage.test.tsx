import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary, IndicatorSummary } from '../../../preload/contract';
import { useCoreEvents } from '../../app/use-core-events';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { click, getButton, render, settle, submit, type Rendered } from '../../testing/render';
import { resetImportStore } from '../import/import-store';
import { QueuePage } from './QueuePage';
import { resetQueueStore } from './queue-store';

const JOB = 'job-aaaaaaaa';
const row: IndicatorSummary = {
  id: 7,
  type: 'domain',
  value: 'evil.com',
  display: null,
  tlp: 'amber',
  status: 'new',
  flags: [],
  confidence: 80,
  firstSeen: null,
  lastSeen: null,
  validUntil: null,
  sightings: 1,
  sourceCount: 1,
};
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
  return <QueuePage />;
}

let bridge: FakeBridge;
let view: Rendered | undefined;
let vault: IndicatorSummary[];

beforeEach(() => {
  resetImportStore();
  resetQueueStore();
  vault = [];
  bridge = createFakeBridge({
    'indicators:list': () => ok(vault),
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
    expect(bridge.calls.find((call) => call.channel === 'import:start')?.request).toMatchObject({ partial: false, tlp: 'amber' });

    emit({ type: 'import:progress', jobId: JOB, progress: { file: 'feed.csv', fileIndex: 0, fileCount: 1, bytesRead: 8, bytesTotal: 16, records: 1, recordsPerSecond: 250 } });
    expect(text()).toContain('Importing file 1 of 1: feed.csv');
    expect(text()).toContain('8 B of 16 B');
    expect(text()).toContain('250 records/s');

    const listsBefore = bridge.calls.filter((call) => call.channel === 'indicators:list').length;
    vault = [row];
    emit({ type: 'import:finished', jobId: JOB, summary });
    await settle();
    expect(text()).toContain('NOT IMPORTED');
    expect(text()).toContain('line 3, column "indicator"');
    expect(text()).toContain('would import its 1 valid indicator');
    expect(bridge.calls.filter((call) => call.channel === 'indicators:list').length).toBe(listsBefore + 1);
    expect(view.container.querySelector('table[aria-label="Indicators"]')?.textContent).toContain('evil.com');
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
});
