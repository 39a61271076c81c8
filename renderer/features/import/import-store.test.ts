import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportSummary, LiaisonEvent, Result } from '../../../preload/contract';
import { createFakeBridge, grantOf, ok, type FakeBridge } from '../../testing/fake-bridge';
import { resetImportStore, selectImportPhase, selectImportsSettled, selectIsImportBusy, useImportStore } from './import-store';

const JOB = 'job-aaaaaaaa';
const OTHER = 'job-bbbbbbbb';

const progress = (records: number, fileIndex = 0): ImportProgress => ({
  file: 'feed.csv',
  fileIndex,
  fileCount: 2,
  bytesRead: records * 10,
  bytesTotal: 1000,
  records,
  recordsPerSecond: 500,
});

const summary: ImportSummary = {
  files: 1,
  records: 4,
  indicators_new: 4,
  indicators_merged: 0,
  rejected: 0,
  errors: [],
  ambiguities: [],
  notes: [],
  results: [{ file: 'feed.csv', format: 'csv', committed: true, records: 4, indicatorsNew: 4, indicatorsMerged: 0, rejected: 0 }],
};

let bridge: FakeBridge;
const store = () => useImportStore.getState();
const phase = () => selectImportPhase(store());
const emit = (event: LiaisonEvent) => store().handleEvent(event);
const chosen = [new File(['198.51.100.7\n'], 'feed.csv')];

/** Chooses a file and starts; the fake core answers import:start with `jobId`. */
async function startJob(jobId = JOB): Promise<void> {
  bridge.handle('import:start', () => ok({ jobId }));
  store().open();
  store().chooseFiles(chosen);
  await store().start();
}

beforeEach(() => {
  resetImportStore();
  bridge = createFakeBridge({ 'import:cancel': () => ok({ cancelled: true }) });
  window.liaison = bridge.api;
});

describe('useImportStore: starting', () => {
  it('grants the chosen files, then starts the import with the options', async () => {
    store().setOptions({ format: 'csv', tlp: 'green', sourceName: '  Vendor feed ', strict: true });
    await startJob();
    expect(phase()).toEqual({ kind: 'running', jobId: JOB, progress: null, cancelling: false });
    expect(bridge.calls.find((call) => call.channel === 'import:start')?.request).toEqual({
      grantId: 'grant-1',
      format: 'csv',
      tlp: 'green',
      strict: true,
      sourceName: 'Vendor feed',
    });
  });

  it('defaults to AMBER for unmarked records, all-or-nothing, and no source name', async () => {
    await startJob();
    expect(bridge.calls.find((call) => call.channel === 'import:start')?.request).toEqual({
      grantId: 'grant-1',
      format: 'auto',
      tlp: 'amber',
      strict: false,
    });
  });

  it('uses the grant from the desktop dialog as it is, without uploading', async () => {
    bridge.files.pick = async () => ok(grantOf([{ name: 'bundle.json', size: 2048 }], 'grant-from-dialog'));
    let uploads = 0;
    bridge.files.grant = async (files) => {
      uploads += 1;
      return ok(grantOf(files));
    };
    bridge.handle('import:start', () => ok({ jobId: JOB }));
    await store().pickFiles();
    expect(store().selection?.names).toEqual([{ name: 'bundle.json', size: 2048 }]);
    await store().start();
    expect(uploads).toBe(0);
    expect(bridge.calls.find((call) => call.channel === 'import:start')?.request).toMatchObject({ grantId: 'grant-from-dialog' });
  });

  it('keeps the form filled in and shows the reason when the upload is refused', async () => {
    bridge.files.grant = async (): Promise<Result<never>> => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'That is too large for the browser host.' } });
    await startJob();
    expect(phase()).toEqual({ kind: 'choosing' });
    expect(store().error).toBe('That is too large for the browser host.');
    expect(store().selection?.names).toEqual([{ name: 'feed.csv', size: 13 }]);
    expect(bridge.calls.some((call) => call.channel === 'import:start')).toBe(false);
  });

  it('does not start without files', async () => {
    await store().start();
    expect(phase()).toEqual({ kind: 'choosing' });
    expect(bridge.calls).toEqual([]);
  });
});

describe('useImportStore: events of its job', () => {
  it('follows progress, then shows the summary and counts the import as settled', async () => {
    await startJob();
    emit({ type: 'import:progress', jobId: JOB, progress: progress(10) });
    emit({ type: 'import:progress', jobId: JOB, progress: progress(20, 1) });
    expect(phase()).toMatchObject({ kind: 'running', progress: progress(20, 1) });
    expect(selectIsImportBusy(store())).toBe(true);

    emit({ type: 'import:finished', jobId: JOB, summary });
    expect(phase()).toEqual({ kind: 'finished', jobId: JOB, summary, strict: false });
    expect(selectImportsSettled(store())).toBe(1);
    expect(selectIsImportBusy(store())).toBe(false);
  });

  it('ignores progress, results and failures of other jobs', async () => {
    await startJob();
    emit({ type: 'import:progress', jobId: OTHER, progress: progress(99) });
    emit({ type: 'import:finished', jobId: OTHER, summary });
    emit({ type: 'import:failed', jobId: OTHER, error: { code: 'INTERNAL', message: 'boom' } });
    expect(phase()).toEqual({ kind: 'running', jobId: JOB, progress: null, cancelling: false });
    expect(selectImportsSettled(store())).toBe(0);
  });

  it('ignores import events when no import of its own is running', () => {
    emit({ type: 'import:finished', jobId: JOB, summary });
    expect(phase()).toEqual({ kind: 'choosing' });
    expect(selectImportsSettled(store())).toBe(0);
  });

  it('keeps events that arrive before import:start answers and applies those of its job', async () => {
    // The core may report (and even finish) a small import before the start call's answer reaches the page.
    bridge.handle('import:start', () => {
      emit({ type: 'import:progress', jobId: OTHER, progress: progress(1) });
      emit({ type: 'import:progress', jobId: JOB, progress: progress(4) });
      emit({ type: 'import:finished', jobId: JOB, summary });
      return ok({ jobId: JOB });
    });
    store().chooseFiles(chosen);
    await store().start();
    expect(phase()).toEqual({ kind: 'finished', jobId: JOB, summary, strict: false });
    expect(store().early).toEqual([]);
  });

  it('shows a failure with the core message', async () => {
    await startJob();
    emit({ type: 'import:failed', jobId: JOB, error: { code: 'INTERNAL', message: 'The import failed unexpectedly; nothing was changed.' } });
    expect(phase()).toEqual({ kind: 'failed', jobId: JOB, message: 'The import failed unexpectedly; nothing was changed.' });
    expect(selectImportsSettled(store())).toBe(1);
  });
});

describe('useImportStore: cancelling', () => {
  it('asks the core to cancel its job and shows "cancelled" when the core confirms', async () => {
    await startJob();
    await store().cancel();
    expect(bridge.calls.find((call) => call.channel === 'import:cancel')?.request).toEqual({ jobId: JOB });
    expect(phase()).toMatchObject({ kind: 'running', cancelling: true });

    emit({ type: 'import:failed', jobId: JOB, error: { code: 'CANCELLED', message: 'Import cancelled.' } });
    expect(phase()).toEqual({ kind: 'cancelled', jobId: JOB });
    // Files finished before the cancel stay committed, so the list must reload.
    expect(selectImportsSettled(store())).toBe(1);
  });

  it('sends one cancel however often the button is pressed', async () => {
    await startJob();
    await Promise.all([store().cancel(), store().cancel()]);
    expect(bridge.calls.filter((call) => call.channel === 'import:cancel')).toHaveLength(1);
  });

  it('shows the result when the job finished before the cancel reached it', async () => {
    bridge.handle('import:cancel', () => ok({ cancelled: false }));
    await startJob();
    await store().cancel();
    emit({ type: 'import:finished', jobId: JOB, summary });
    expect(phase()).toMatchObject({ kind: 'finished', summary });
  });

  it('lets the analyst try again when the cancel call fails', async () => {
    bridge.handle('import:cancel', () => ({ ok: false, error: { code: 'LOCKED', message: 'The vault is locked.' } }));
    await startJob();
    await store().cancel();
    expect(phase()).toMatchObject({ kind: 'running', cancelling: false });
    expect(store().error).toBe('The vault is locked.');
  });

  it('does not close or start over while an import runs', async () => {
    await startJob();
    store().close();
    store().startOver();
    store().dropFiles(chosen);
    expect(store().isOpen).toBe(true);
    expect(phase()).toMatchObject({ kind: 'running', jobId: JOB });
  });
});

describe('useImportStore: panel', () => {
  it('opens with the dropped files chosen', () => {
    store().dropFiles(chosen);
    expect(store().isOpen).toBe(true);
    expect(store().selection?.names).toEqual([{ name: 'feed.csv', size: 13 }]);
  });

  it('starts over keeping the options but not the files', async () => {
    store().setOptions({ strict: true });
    await startJob();
    emit({ type: 'import:finished', jobId: JOB, summary });
    store().startOver();
    expect(phase()).toEqual({ kind: 'choosing' });
    expect(store().selection).toBeNull();
    expect(store().options.strict).toBe(true);
  });

  it('forgets the panel when the vault locks', async () => {
    await startJob();
    emit({ type: 'vault:locked', reason: 'idle' });
    expect(store().isOpen).toBe(false);
    expect(phase()).toEqual({ kind: 'choosing' });
  });
});
