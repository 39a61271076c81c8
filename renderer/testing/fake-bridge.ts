import type { Channel, LiaisonApi, LiaisonEvent, Result } from '../../preload/contract';

type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

const CHANNELS: readonly Channel[] = [
  'vault:status',
  'vault:create',
  'vault:unlock',
  'vault:lock',
  'vault:rekey',
  'vault:info',
  'vault:activity',
  'settings:get',
  'settings:update',
  'audit:list',
];

export interface FakeBridge {
  api: LiaisonApi;
  calls: Array<{ channel: Channel; request: unknown }>;
  emit(event: LiaisonEvent): void;
  handle(channel: Channel, handler: Handler): void;
}

/** A LiaisonApi whose channels answer from per-test handlers; unhandled channels fail with INTERNAL. */
export function createFakeBridge(handlers: Partial<Record<Channel, Handler>> = {}): FakeBridge {
  const table = new Map<Channel, Handler>(Object.entries(handlers) as Array<[Channel, Handler]>);
  const listeners = new Set<(event: LiaisonEvent) => void>();
  const calls: FakeBridge['calls'] = [];
  const api: Record<string, unknown> = {
    files: {
      canPick: false,
      pick: async () => ({ ok: true, value: null }),
      grant: async (files: File[]) => ({ ok: true, value: { grantId: 'grant-1', files: files.map((f) => ({ name: f.name, size: f.size })) } }),
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
  };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
