import type { HandlersFor } from './types';

/** Sync channels: the request is validated by the contract; the core's sync service does the work. */
export const syncHandlers: HandlersFor<'sync'> = {
  'sync:profiles': (_request, session) => session.sync.profiles(),
  'sync:add': ({ name, tlpMax, discoveryUrl, apiRootUrl, pushCollection, pullCollections, credentials, caPem }, session) =>
    session.sync.add({ name, tlpMax, discoveryUrl, pushCollection, pullCollections, credentials, ...(apiRootUrl ? { apiRootUrl } : {}), ...(caPem ? { caPem } : {}) }),
  'sync:remove': ({ name }, session) => session.sync.remove(name),
  'sync:test': (request, session) =>
    'name' in request
      ? session.sync.test({ name: request.name })
      : session.sync.test({
          discoveryUrl: request.discoveryUrl, pushCollection: request.pushCollection, pullCollections: request.pullCollections.length ? request.pullCollections : [request.pushCollection],
          credentials: request.credentials, ...(request.apiRootUrl ? { apiRootUrl: request.apiRootUrl } : {}), ...(request.caPem ? { caPem: request.caPem } : {}),
        }),
  'sync:run': ({ profile }, session) => session.sync.start(profile ? { profile } : {}),
  'sync:cancel': ({ runId }, session) => session.sync.cancel(runId),
  'sync:status': (_request, session) => session.sync.status(),
  'sync:conflicts': (_request, session) => session.sync.conflicts(),
  'sync:resolve': ({ id, resolution }, session) => session.sync.resolve(id, resolution),
  'sync:publish': ({ briefingId, profiles }, session) => session.sync.publish(briefingId, () => session.briefings.setStatus(briefingId, 'published'), profiles),
  'sync:share': ({ indicatorIds, profiles }, session) => session.sync.share(indicatorIds, profiles),
};
