import { create } from 'zustand';
import type {
  AttachOutcome,
  BriefingContent,
  BriefingDetail,
  BriefingDiff,
  BriefingStatus,
  BriefingSummary,
  BriefingVersionSummary,
  QueueFilter,
} from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { createAutosave, type Autosave } from './autosave';
import { briefingStatusLabel, changedContent, contentOf, storablePatch } from './briefing-words';

/** Attached indicators listed in the editor; the rest are counted ("and 1,234 more"). */
export const INDICATOR_PAGE = 500;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface BriefingsNotice {
  tone: 'error' | 'info' | 'success';
  text: string;
}

/** Which indicators to attach: ids (a queue selection), typed `TYPE:VALUE` keys, a queue filter or a `--where` query. */
export type AttachTarget = { indicatorIds: number[] } | { keys: string[] } | { filter: QueueFilter } | { where: string };

interface BriefingsStoreState {
  list: BriefingSummary[] | null;
  listError: string | null;
  /** The open briefing as the core last returned it (attachments, status, versions). */
  detail: BriefingDetail | null;
  /** What the analyst is editing; autosaved to the core's working draft. */
  draft: BriefingContent | null;
  saveState: SaveState;
  savedAt: string | null;
  saveError: string | null;
  notice: BriefingsNotice | null;
  busy: boolean;
  versions: BriefingVersionSummary[] | null;
  diff: BriefingDiff | null;

  loadList(): Promise<void>;
  open(id: number): Promise<void>;
  close(): Promise<void>;
  /** Reloads the open briefing (attachments changed from the Queue, triage moved on), keeping what is being typed. */
  refresh(): Promise<void>;
  create(title: string, templateId?: number): Promise<number | null>;
  edit(patch: Partial<BriefingContent>): void;
  /**
   * After a failed autosave (another editor saved first): keep what is typed here and save it over the stored
   * draft, or drop it and load the stored one.
   */
  resolveSave(choice: 'mine' | 'stored'): Promise<void>;
  /** Stores what is typed now (before the core reads the draft); rejects when the draft could not be saved. */
  saveDraftNow(): Promise<void>;
  saveVersion(note?: string): Promise<void>;
  setStatus(status: BriefingStatus): Promise<void>;
  attach(target: AttachTarget): Promise<AttachOutcome | null>;
  detach(indicatorIds: number[]): Promise<void>;
  loadVersions(): Promise<void>;
  showDiff(from: number, to: number): Promise<void>;
  restore(version: number): Promise<void>;
  setNotice(notice: BriefingsNotice | null): void;
}

const INITIAL = {
  list: null,
  listError: null,
  detail: null,
  draft: null,
  saveState: 'saved' as SaveState,
  savedAt: null,
  saveError: null,
  notice: null,
  busy: false,
  versions: null,
  diff: null,
};

/** Content last stored in the core's working draft, and its revision (the core refuses a stale one). */
let stored: { id: number; content: BriefingContent; revision: number } | null = null;
let autosave: Autosave<BriefingContent> | null = null;

export const useBriefingsStore = create<BriefingsStoreState>()((set, get) => {
  const client = () => requireClient().briefings;

  const fail = (error: unknown) => set({ notice: { tone: 'error', text: toApiFailure(error).message } });

  /** Shows a briefing the core returned; the analyst's unsaved typing, if any, is kept over it. */
  const adopt = (detail: BriefingDetail) => {
    const editing = autosave?.pending() ?? false;
    stored = editing && stored ? { ...stored, revision: detail.revision } : { id: detail.id, content: contentOf(detail), revision: detail.revision };
    set({ detail, ...(editing ? {} : { draft: stored.content, saveState: 'saved' as SaveState }) });
  };

  const saveDraft = async (content: BriefingContent) => {
    if (!stored) return;
    const base = stored;
    const patch = storablePatch(changedContent(base.content, content));
    if (Object.keys(patch).length === 0) {
      stored = { ...base, content };
      set({ saveState: get().draft === content ? 'saved' : 'pending' });
      return;
    }
    set({ saveState: 'saving', saveError: null });
    try {
      const { revision, savedAt } = await client()['save-draft']({ id: base.id, expectedRevision: base.revision, content: patch });
      if (stored?.id !== base.id) return;
      stored = { id: base.id, content, revision };
      set({ saveState: get().draft === content ? 'saved' : 'pending', savedAt });
    } catch (error) {
      set({ saveState: 'error', saveError: toApiFailure(error).message });
      throw error;
    }
  };

  /** Stores what is typed before an action that reads the draft on the core side. */
  const flush = async () => {
    try {
      await autosave?.flush();
      return true;
    } catch {
      return false;
    }
  };

  const load = async (id: number) => {
    const detail = await client().get({ id, indicatorLimit: INDICATOR_PAGE });
    adopt(detail);
    return detail;
  };

  return {
    ...INITIAL,

    async loadList() {
      try {
        set({ list: await client().list({}), listError: null });
      } catch (error) {
        set({ listError: toApiFailure(error).message });
      }
    },

    async open(id) {
      await get().close();
      autosave = createAutosave(saveDraft);
      set({ busy: true, notice: null, versions: null, diff: null });
      try {
        await load(id);
      } catch (error) {
        fail(error);
      } finally {
        set({ busy: false });
      }
    },

    async close() {
      if (autosave && !(await flush())) {
        // Leaving would drop what was typed: the analyst decides first (save it over, or load the stored draft).
        set({ notice: { tone: 'error', text: 'The draft could not be saved, so the briefing stays open: save yours over it or load the saved draft first.' } });
        return;
      }
      autosave?.cancel();
      autosave = null;
      stored = null;
      set({ detail: null, draft: null, saveState: 'saved', savedAt: null, saveError: null, versions: null, diff: null });
      void get().loadList();
    },

    async refresh() {
      const id = get().detail?.id;
      if (id === undefined) return get().loadList();
      try {
        await load(id);
      } catch (error) {
        fail(error);
      }
    },

    async create(title, templateId) {
      set({ busy: true });
      try {
        const detail = await client().create({ title, ...(templateId !== undefined ? { templateId } : {}) });
        await get().open(detail.id);
        return detail.id;
      } catch (error) {
        fail(error);
        return null;
      } finally {
        set({ busy: false });
      }
    },

    edit(patch) {
      const draft = get().draft;
      if (!draft || !autosave) return;
      const next = { ...draft, ...patch };
      set({ draft: next, saveState: 'pending', saveError: null });
      autosave.change(next);
    },

    async resolveSave(choice) {
      const id = get().detail?.id;
      if (id === undefined || !autosave) return;
      autosave.cancel();
      try {
        if (choice === 'stored') {
          await load(id);
          return;
        }
        const detail = await client().get({ id, indicatorLimit: INDICATOR_PAGE });
        // The stored draft becomes the base, so every field typed here differs from it and is sent.
        stored = { id, content: contentOf(detail), revision: detail.revision };
        set({ detail });
        const draft = get().draft;
        if (draft) {
          autosave.change(draft);
          await autosave.flush();
        }
      } catch (error) {
        if (get().saveState !== 'error') fail(error);
      }
    },

    async saveDraftNow() {
      await autosave?.flush();
    },

    async saveVersion(note) {
      const id = get().detail?.id;
      if (id === undefined || !(await flush()) || !stored) return;
      set({ busy: true });
      try {
        const detail = await client().save({ id, expectedRevision: stored.revision, ...(note ? { note } : {}) });
        adopt(detail);
        set({ notice: { tone: 'success', text: `Saved as version ${detail.version}.` }, versions: null });
      } catch (error) {
        fail(error);
      } finally {
        set({ busy: false });
      }
    },

    async setStatus(status) {
      const id = get().detail?.id;
      if (id === undefined || !(await flush())) return;
      set({ busy: true });
      try {
        adopt(await client()['set-status']({ id, status }));
        set({ notice: { tone: 'success', text: `Status set to ${briefingStatusLabel(status)}.` } });
      } catch (error) {
        fail(error);
      } finally {
        set({ busy: false });
      }
    },

    async attach(target) {
      const id = get().detail?.id;
      if (id === undefined || !(await flush())) return null;
      set({ busy: true });
      try {
        const outcome = await client().attach({ id, ...target });
        await load(id);
        const missing = outcome.notFoundCount > 0 ? `; ${formatCount(outcome.notFoundCount)} not in the vault (${outcome.notFound.slice(0, 5).join(', ')})` : '';
        set({
          notice: {
            tone: outcome.notFoundCount > 0 ? 'info' : 'success',
            text: `Attached ${formatCount(outcome.changed)} indicators (${formatCount(outcome.unchanged)} already attached${missing}). ${formatCount(outcome.total)} in the briefing.`,
          },
          versions: null,
        });
        return outcome;
      } catch (error) {
        fail(error);
        return null;
      } finally {
        set({ busy: false });
      }
    },

    async detach(indicatorIds) {
      const id = get().detail?.id;
      if (id === undefined || indicatorIds.length === 0 || !(await flush())) return;
      set({ busy: true });
      try {
        const outcome = await client().detach({ id, indicatorIds });
        await load(id);
        set({ notice: { tone: 'success', text: `Detached ${formatCount(outcome.changed)} indicator${outcome.changed === 1 ? '' : 's'}.` }, versions: null });
      } catch (error) {
        fail(error);
      } finally {
        set({ busy: false });
      }
    },

    async loadVersions() {
      const id = get().detail?.id;
      if (id === undefined) return;
      try {
        set({ versions: await client().versions({ id }) });
      } catch (error) {
        fail(error);
      }
    },

    async showDiff(from, to) {
      const id = get().detail?.id;
      if (id === undefined) return;
      try {
        set({ diff: await client().diff({ id, from, to }) });
      } catch (error) {
        fail(error);
      }
    },

    async restore(version) {
      const id = get().detail?.id;
      if (id === undefined || !(await flush())) return;
      set({ busy: true });
      try {
        autosave?.cancel();
        const detail = await client().restore({ id, version });
        adopt(detail);
        set({ notice: { tone: 'success', text: `Version ${version} restored as version ${detail.version}.` }, diff: null });
        await get().loadVersions();
      } catch (error) {
        fail(error);
      } finally {
        set({ busy: false });
      }
    },

    setNotice: (notice) => set({ notice }),
  };
});

export const selectBriefingList = (state: BriefingsStoreState) => state.list;
export const selectDetail = (state: BriefingsStoreState) => state.detail;
export const selectDraft = (state: BriefingsStoreState) => state.draft;
export const selectNotice = (state: BriefingsStoreState) => state.notice;

export function resetBriefingsStore(): void {
  autosave?.cancel();
  autosave = null;
  stored = null;
  useBriefingsStore.setState(INITIAL);
}
