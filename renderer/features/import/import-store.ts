import { create } from 'zustand';
import type { FileGrant, ImportProgress, ImportSummary, LiaisonEvent } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from './import-options';

/** Files chosen in the browser (granted by upload when the import starts) or already granted by the desktop dialog. */
export type ImportSelection =
  | { kind: 'files'; files: File[]; names: ChosenFile[] }
  | { kind: 'grant'; grant: FileGrant; names: ChosenFile[] };

export interface ChosenFile {
  name: string;
  size: number;
}

export type ImportPhase =
  | { kind: 'choosing' }
  | { kind: 'starting' }
  | { kind: 'running'; jobId: string; progress: ImportProgress | null; cancelling: boolean }
  | { kind: 'finished'; jobId: string; summary: ImportSummary; strict: boolean }
  | { kind: 'cancelled'; jobId: string }
  | { kind: 'failed'; jobId: string; message: string };

type ImportEvent = Extract<LiaisonEvent, { type: `import:${string}` }>;

interface ImportStoreState {
  isOpen: boolean;
  phase: ImportPhase;
  options: ImportOptions;
  selection: ImportSelection | null;
  /** A problem before the job started (upload refused, vault locked); the form stays filled in to retry. */
  error: string | null;
  /** Events that arrived while `import:start` was in flight: the job may report before its id reaches us. */
  early: ImportEvent[];
  /** Counts imports that ended in any way, so views showing vault contents know to reload. */
  settledCount: number;
  open(): void;
  close(): void;
  setOptions(patch: Partial<ImportOptions>): void;
  chooseFiles(files: File[]): void;
  pickFiles(): Promise<void>;
  dropFiles(files: File[]): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  startOver(): void;
  handleEvent(event: LiaisonEvent): void;
}

const initial = {
  isOpen: false,
  phase: { kind: 'choosing' } as ImportPhase,
  options: DEFAULT_IMPORT_OPTIONS,
  selection: null,
  error: null,
  early: [],
  settledCount: 0,
};

const namesOf = (files: readonly { name: string; size: number }[]): ChosenFile[] => files.map(({ name, size }) => ({ name, size }));

function isImportEvent(event: LiaisonEvent): event is ImportEvent {
  return event.type === 'import:progress' || event.type === 'import:finished' || event.type === 'import:failed';
}

export const useImportStore = create<ImportStoreState>()((set, get) => {
  /** Applies an event of the job this window started; events of other jobs (another window, the CLI) are ignored. */
  function applyJobEvent(event: ImportEvent): void {
    const { phase, options, settledCount } = get();
    if (phase.kind !== 'running' || phase.jobId !== event.jobId) return;
    switch (event.type) {
      case 'import:progress':
        set({ phase: { ...phase, progress: event.progress } });
        return;
      case 'import:finished':
        set({ phase: { kind: 'finished', jobId: phase.jobId, summary: event.summary, strict: options.strict }, settledCount: settledCount + 1 });
        return;
      case 'import:failed':
        set({
          phase:
            event.error.code === 'CANCELLED'
              ? { kind: 'cancelled', jobId: phase.jobId }
              : { kind: 'failed', jobId: phase.jobId, message: event.error.message },
          settledCount: settledCount + 1,
        });
    }
  }

  const isBusy = () => {
    const kind = get().phase.kind;
    return kind === 'starting' || kind === 'running';
  };

  return {
    ...initial,
    open: () => set({ isOpen: true }),
    close() {
      if (isBusy()) return;
      set({ isOpen: false, phase: { kind: 'choosing' }, selection: null, error: null });
    },
    setOptions: (patch) => set({ options: { ...get().options, ...patch } }),
    chooseFiles(files) {
      if (isBusy()) return;
      set({ selection: files.length > 0 ? { kind: 'files', files, names: namesOf(files) } : null, error: null });
    },
    async pickFiles() {
      if (isBusy()) return;
      try {
        const grant = await requireClient().files.pick();
        if (grant) set({ selection: { kind: 'grant', grant, names: namesOf(grant.files) }, error: null });
      } catch (error) {
        set({ error: toApiFailure(error).message });
      }
    },
    dropFiles(files) {
      if (isBusy() || files.length === 0) return;
      set({ isOpen: true, phase: { kind: 'choosing' } });
      get().chooseFiles(files);
    },
    async start() {
      const { selection, options, phase } = get();
      if (!selection || phase.kind !== 'choosing') return;
      set({ phase: { kind: 'starting' }, error: null, early: [] });
      try {
        const client = requireClient();
        const grant = selection.kind === 'grant' ? selection.grant : await client.files.grant(selection.files);
        const sourceName = options.sourceName.trim();
        const { jobId } = await client.import.start({
          grantId: grant.grantId,
          format: options.format,
          tlp: options.tlp,
          strict: options.strict,
          ...(sourceName ? { sourceName } : {}),
        });
        const early = get().early;
        set({ phase: { kind: 'running', jobId, progress: null, cancelling: false }, early: [] });
        for (const event of early) applyJobEvent(event);
      } catch (error) {
        // A desktop grant is single-use and may be spent; browser files are granted again on the next try.
        set({
          phase: { kind: 'choosing' },
          early: [],
          error: toApiFailure(error).message,
          selection: selection.kind === 'files' ? selection : null,
        });
      }
    },
    async cancel() {
      const phase = get().phase;
      if (phase.kind !== 'running' || phase.cancelling) return;
      set({ phase: { ...phase, cancelling: true } });
      try {
        // The outcome arrives as an event: import:failed (CANCELLED), or import:finished if the job won the race.
        await requireClient().import.cancel({ jobId: phase.jobId });
      } catch (error) {
        const now = get().phase;
        if (now.kind === 'running' && now.jobId === phase.jobId) set({ phase: { ...now, cancelling: false }, error: toApiFailure(error).message });
      }
    },
    startOver() {
      if (isBusy()) return;
      set({ phase: { kind: 'choosing' }, selection: null, error: null });
    },
    handleEvent(event) {
      if (event.type === 'vault:locked') {
        set({ ...initial, options: get().options, settledCount: get().settledCount });
        return;
      }
      if (!isImportEvent(event)) return;
      if (get().phase.kind === 'starting') set({ early: [...get().early, event] });
      else applyJobEvent(event);
    },
  };
});

export const selectIsImportOpen = (state: ImportStoreState) => state.isOpen;
export const selectImportPhase = (state: ImportStoreState) => state.phase;
export const selectImportOptions = (state: ImportStoreState) => state.options;
export const selectImportSelection = (state: ImportStoreState) => state.selection;
export const selectImportError = (state: ImportStoreState) => state.error;
export const selectImportsSettled = (state: ImportStoreState) => state.settledCount;
export const selectIsImportBusy = (state: ImportStoreState) => state.phase.kind === 'starting' || state.phase.kind === 'running';

/** Test helper: back to the state a fresh window starts in. */
export function resetImportStore(): void {
  useImportStore.setState(initial);
}
