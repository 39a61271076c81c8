import type { Overview, SavedView, TriageDetail } from '../../../preload/contract';
import type { WorkbenchSession } from '../../core/session';
import {
  applyBulkChange,
  countBySource,
  countByStatus,
  countByTlp,
  countByType,
  cursorAtPosition,
  deleteView,
  listCorrelations,
  listImportsPerDay,
  listIndicatorHistory,
  listSavedViews,
  listTagSuggestions,
  readQueuePage,
  saveView,
  undoBulkChange,
  writeQueueExport,
  type QueueFilter,
  type QueueSort,
  type TriagePatch,
} from '../../core/triage';
import { listHitsForIndicator, listWarninglists, setWarninglistCategory } from '../../core/warninglists';
import { WorkbenchError } from '../../core/errors';
import type { HandlersFor } from './types';

/** The contract's schemas already bound every field; the core re-checks values it gives meaning to. */
const asFilter = (filter: unknown): QueueFilter => filter as QueueFilter;
const asSort = (sort: unknown): QueueSort => sort as QueueSort;
const asPatch = (patch: unknown): TriagePatch => patch as TriagePatch;

function write<T>(session: WorkbenchSession, change: () => T): T {
  const result = change();
  session.dataChanged();
  return result;
}

export const queueHandlers: HandlersFor<'queue'> = {
  'queue:page': ({ filter, sort, ...page }, session) => readQueuePage(session.db(), { filter: asFilter(filter), sort: asSort(sort), ...page }),
  'queue:total': ({ filter, sort }, session) => ({
    total: session.positions.get(session.db(), { filter: asFilter(filter), sort: asSort(sort) }, session.dataVersion()).total,
  }),
  'queue:tags': (_request, session) => listTagSuggestions(session.db()),
  'queue:at': ({ filter, sort, position, limit }, session) => {
    const view = { filter: asFilter(filter), sort: asSort(sort) };
    const index = session.positions.get(session.db(), view, session.dataVersion());
    if (position >= index.total) return { rows: [], nextCursor: null, prevCursor: null };
    const cursor = cursorAtPosition(session.db(), index, position);
    return readQueuePage(session.db(), { ...view, limit, ...(cursor ? { cursor } : {}) });
  },
  'queue:export': ({ filter, format, tlpMax, defang }, session) =>
    writeQueueExport(session.db(), () => session.writableDb(), session.author(), session.exportFolder, asFilter(filter), { format, tlpMax, defang }),
};

export const triageHandlers: HandlersFor<'triage'> = {
  'triage:update': ({ ids, patch }, session) =>
    write(session, () => {
      const { changeId, count } = applyBulkChange(session.writableDb(), session.author(), { ids }, asPatch(patch));
      return { changeId, count };
    }),
  'triage:bulk': ({ filter, patch }, session) =>
    write(session, () => {
      const { changeId, count } = applyBulkChange(session.writableDb(), session.author(), { filter: asFilter(filter) }, asPatch(patch));
      return { changeId, count };
    }),
  'triage:undo': (_request, session) =>
    write(session, () => {
      try {
        const { changeId, count, kept } = undoBulkChange(session.writableDb(), session.author());
        return { changeId, count, kept };
      } catch (error) {
        if (error instanceof WorkbenchError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    }),
  'triage:detail': ({ id }, session): TriageDetail => {
    const db = session.db();
    const notes = db.prepare('SELECT notes FROM indicators WHERE id = ?').get(id) as { notes: string | null } | undefined;
    if (!notes) throw new WorkbenchError('NOT_FOUND', `No indicator has id ${id}.`);
    return {
      correlations: listCorrelations(db, id),
      history: listIndicatorHistory(db, id),
      warninglists: listHitsForIndicator(db, id),
      notes: notes.notes,
    };
  },
};

export const overviewHandlers: HandlersFor<'overview'> = {
  'overview:get': (_request, session): Overview => {
    const db = session.db();
    return {
      byStatus: countByStatus(db),
      byType: countByType(db),
      byTlp: countByTlp(db),
      bySource: countBySource(db),
      importsPerDay: listImportsPerDay(db),
    };
  },
};

/** The core's views hold readonly arrays; the contract's plain-data copy is the same shape. */
const savedViews = (session: WorkbenchSession): SavedView[] => listSavedViews(session.db()) as unknown as SavedView[];

export const viewHandlers: HandlersFor<'views'> = {
  'views:list': (_request, session) => savedViews(session),
  'views:save': ({ name, query }, session) => {
    const id = saveView(session.writableDb(), session.author(), name, { filter: asFilter(query.filter), sort: asSort(query.sort) });
    const saved = savedViews(session).find((view) => view.id === id);
    if (!saved) throw new WorkbenchError('INTERNAL', 'The view was not saved.');
    return saved;
  },
  'views:delete': ({ id }, session) => {
    deleteView(session.writableDb(), session.author(), id);
    return { deleted: true };
  },
};

export const warninglistHandlers: HandlersFor<'warninglists'> = {
  'warninglists:list': (_request, session) => listWarninglists(session.db()),
  'warninglists:setCategory': ({ name, category }, session) =>
    write(session, () => ({ changed: setWarninglistCategory(session.writableDb(), session.author(), name, category).changed })),
};
