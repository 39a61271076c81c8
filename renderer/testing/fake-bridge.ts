import type { Channel, FileGrant, FilesApi, LiaisonApi, LiaisonEvent, Result } from '../../preload/contract';

type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** Every contract channel; a record rather than a list, so a channel added to the contract fails to compile here. */
const CHANNEL_SET: Record<Channel, true> = {
  'vault:status': true,
  'vault:create': true,
  'vault:unlock': true,
  'vault:lock': true,
  'vault:rekey': true,
  'vault:info': true,
  'vault:activity': true,
  'settings:get': true,
  'settings:update': true,
  'audit:list': true,
  'indicators:list': true,
  'indicators:get': true,
  'sources:list': true,
  'import:start': true,
  'import:cancel': true,
  'queue:page': true,
  'queue:total': true,
  'queue:at': true,
  'queue:export': true,
  'queue:tags': true,
  'triage:update': true,
  'triage:bulk': true,
  'triage:undo': true,
  'triage:detail': true,
  'overview:get': true,
  'views:list': true,
  'views:save': true,
  'views:delete': true,
  'warninglists:list': true,
  'warninglists:setCategory': true,
  'bundles:identity': true,
  'bundles:rename': true,
  'bundles:trustList': true,
  'bundles:trustPreview': true,
  'bundles:trustConfirm': true,
  'bundles:trustRemove': true,
  'bundles:verify': true,
  'bundles:import': true,
  'bundles:export': true,
  'bundles:imports': true,
  'sync:profiles': true,
  'sync:add': true,
  'sync:remove': true,
  'sync:test': true,
  'sync:run': true,
  'sync:cancel': true,
  'sync:status': true,
  'sync:conflicts': true,
  'sync:resolve': true,
  'sync:share': true,
  'sync:publish': true,
  'briefings:list': true,
  'briefings:get': true,
  'briefings:create': true,
  'briefings:save-draft': true,
  'briefings:save': true,
  'briefings:versions': true,
  'briefings:citing': true,
  'briefings:diff': true,
  'briefings:restore': true,
  'briefings:set-status': true,
  'briefings:attach': true,
  'briefings:detach': true,
  'briefings:templates': true,
  'briefings:save-template': true,
  'briefings:export': true,
  'attack:search': true,
  'attack:catalogues': true,
};
const CHANNELS = Object.keys(CHANNEL_SET) as Channel[];

export interface FakeBridge {
  api: LiaisonApi;
  calls: Array<{ channel: Channel; request: unknown }>;
  emit(event: LiaisonEvent): void;
  handle(channel: Channel, handler: Handler): void;
  /**
   * The files API the page sees; tests replace members to play Electron or a failing upload. The client copies
   * `canPick` when it is built, so set that one before the first call.
   */
  files: { -readonly [K in keyof FilesApi]: FilesApi[K] };
}

export function grantOf(files: readonly { name: string; size: number }[], grantId = 'grant-1'): FileGrant {
  return { grantId, files: files.map(({ name, size }) => ({ name, size })) };
}

/** A LiaisonApi whose channels answer from per-test handlers; unhandled channels fail with INTERNAL. */
export function createFakeBridge(handlers: Partial<Record<Channel, Handler>> = {}): FakeBridge {
  const table = new Map<Channel, Handler>(Object.entries(handlers) as Array<[Channel, Handler]>);
  const listeners = new Set<(event: LiaisonEvent) => void>();
  const calls: FakeBridge['calls'] = [];
  const files: FakeBridge['files'] = {
    canPick: false,
    pick: async () => ({ ok: true, value: null }),
    grant: async (chosen: File[]) => ({ ok: true, value: grantOf(chosen) }),
    saveExport: async () => ({ ok: true, value: { saved: true } }),
  };
  const api: Record<string, unknown> = {
    // Reads through to `files` so a test can swap pick or grant after the client was built.
    files: {
      get canPick() {
        return files.canPick;
      },
      pick: () => files.pick(),
      grant: (chosen: File[]) => files.grant(chosen),
      saveExport: (fileName: string) => files.saveExport(fileName),
    },
    events: {
      subscribe(listener: (event: LiaisonEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
  for (const channel of CHANNELS) {
    const [domain = '', verb = ''] = channel.split(':');
    const verbs = (api[domain] ??= {}) as Record<string, (request: unknown) => Promise<Result<unknown>>>;
    verbs[verb] = async (request) => {
      calls.push({ channel, request });
      const handler = table.get(channel);
      if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `unhandled ${channel}` } };
      return handler(request);
    };
  }
  return {
    api: api as LiaisonApi,
    calls,
    emit: (event) => listeners.forEach((listener) => listener(event)),
    handle: (channel, handler) => table.set(channel, handler),
    files,
  };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
