import type { QueueFilter } from '../../core/triage';
import { listCatalogues, searchTechniques } from '../../core/briefings';
import type { HandlersFor } from './types';

/** The contract's schemas already bound every field; the core re-checks the values it gives meaning to. */
const asFilter = (filter: unknown): QueueFilter => filter as QueueFilter;

export const briefingHandlers: HandlersFor<'briefings'> = {
  'briefings:list': (query, session) => session.briefings.list(query),
  'briefings:get': ({ id, ...options }, session) => session.briefings.get(id, options),
  'briefings:create': (request, session) => session.briefings.create(request),
  'briefings:save-draft': ({ id, content, expectedRevision }, session) => session.briefings.saveDraft(id, content, expectedRevision),
  'briefings:save': ({ id, content, expectedRevision, note }, session) =>
    session.briefings.save(id, { ...(content ? { patch: content } : {}), ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(note ? { note } : {}) }),
  'briefings:versions': ({ id }, session) => session.briefings.versions(id),
  'briefings:citing': ({ indicatorId }, session) => session.briefings.citing(indicatorId),
  'briefings:diff': ({ id, from, to }, session) => session.briefings.diff(id, from, to),
  'briefings:restore': ({ id, version }, session) => session.briefings.restore(id, version),
  'briefings:set-status': ({ id, status, note }, session) => session.briefings.setStatus(id, status, note),
  'briefings:attach': ({ id, filter, ...selection }, session) => session.briefings.attach(id, { ...selection, ...(filter ? { filter: asFilter(filter) } : {}) }),
  'briefings:detach': ({ id, ...selection }, session) => session.briefings.detach(id, selection),
  'briefings:templates': (_request, session) => session.briefings.templates(),
  'briefings:save-template': (request, session) => session.briefings.saveTemplate(request),
  'briefings:export': (request, session) => session.briefings.export(request, { kind: 'folder', folder: session.exportFolder }),
};

export const attackHandlers: HandlersFor<'attack'> = {
  'attack:search': ({ query, limit }, session) => searchTechniques(session.db(), query, limit),
  'attack:catalogues': (_request, session) => listCatalogues(session.db()),
};
