import type { z } from 'zod';
import type { ChannelSpec } from './channel';
import type { LiaisonEvent } from './events';
import type { Result } from './result';
import { auditChannels } from './audit';
import { attackChannels, briefingChannels } from './briefings';
import { bundleChannels } from './bundles';
import type { FilesApi } from './files';
import { importChannels } from './imports';
import { indicatorChannels } from './indicators';
import { triageChannels } from './triage';
import { settingsChannels } from './settings';
import { syncChannels } from './sync';
import { vaultChannels } from './vault';

/** Every request/response channel between renderer and core, named `domain:verb`. */
export const contract = {
  ...vaultChannels,
  ...settingsChannels,
  ...auditChannels,
  ...indicatorChannels,
  ...importChannels,
  ...triageChannels,
  ...syncChannels,
  ...briefingChannels,
  ...attackChannels,
  ...bundleChannels,
} satisfies Record<`${string}:${string}`, ChannelSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Exclude<Contract[C]['response'], undefined>;

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type VerbsOf<D extends string> = {
  [C in Channel as C extends `${D}:${infer V}` ? V : never]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

/** The API the renderer sees as `window.liaison`: one named function per channel, plus event subscription. */
export type LiaisonApi = { [D in DomainOf<Channel>]: VerbsOf<D> } & {
  events: { subscribe(listener: (event: LiaisonEvent) => void): () => void };
  files: FilesApi;
};

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
