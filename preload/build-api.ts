import type { Channel, FilesApi, LiaisonApi, LiaisonEvent, Result } from './contract';
import { channels } from './contract';

export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (listener: (event: LiaisonEvent) => void) => () => void;

/**
 * Builds `window.liaison` from the contract: one named function per channel, nothing generic,
 * so the renderer can reach exactly the channels the contract declares and no others.
 * Shared by the Electron preload (IPC transport) and the web bridge (HTTP transport); each brings its
 * own way of granting files.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe, files: FilesApi): LiaisonApi {
  const domains: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string];
    const verbs = (domains[domain] ??= {});
    verbs[verb] = (request: unknown) => invoke(channel, request ?? {});
  }
  const api: Record<string, unknown> = {};
  for (const [domain, verbs] of Object.entries(domains)) api[domain] = Object.freeze(verbs);
  api.events = Object.freeze({ subscribe });
  api.files = Object.freeze(files);
  return Object.freeze(api) as unknown as LiaisonApi;
}
