import type { LiaisonApi, Result } from '../../preload/contract';
import { ApiFailure, toApiFailure, unwrap } from './api-failure';

/** Calls resolve to their value; other members (flags such as `files.canPick`) pass through unchanged. */
type Unwrapped<F> = F extends (...args: infer A) => Promise<Result<infer T>> ? (...args: A) => Promise<T> : F;
type Domain = Exclude<keyof LiaisonApi, 'events'>;

/** The bridge with every Result unwrapped: calls resolve to the value or reject with an ApiFailure. */
export type LiaisonClient = { [D in Domain]: { [V in keyof LiaisonApi[D]]: Unwrapped<LiaisonApi[D][V]> } } & {
  events: LiaisonApi['events'];
};

type AnyCall = (...args: unknown[]) => Promise<Result<unknown>>;

export function createClient(bridge: LiaisonApi): LiaisonClient {
  const client: Record<string, unknown> = { events: bridge.events };
  for (const [domain, verbs] of Object.entries(bridge)) {
    if (domain === 'events') continue;
    const wrapped: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(verbs as Record<string, unknown>)) {
      if (typeof member !== 'function') {
        wrapped[name] = member;
        continue;
      }
      const call = member as AnyCall;
      wrapped[name] = async (...args: unknown[]) => {
        let result: Result<unknown>;
        try {
          result = await call(...args);
        } catch (error) {
          throw toApiFailure(error);
        }
        return unwrap(result);
      };
    }
    client[domain] = Object.freeze(wrapped);
  }
  return Object.freeze(client) as LiaisonClient;
}

let cached: { bridge: LiaisonApi; client: LiaisonClient } | undefined;

/** The client over `window.liaison`; throws when the page runs without a bridge (opened directly). */
export function requireClient(): LiaisonClient {
  const bridge = window.liaison;
  if (!bridge) {
    throw new ApiFailure({ code: 'INTERNAL', message: 'This page is not connected to a Liaison Workbench core.' });
  }
  if (cached?.bridge !== bridge) cached = { bridge, client: createClient(bridge) };
  return cached.client;
}
