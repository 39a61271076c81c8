import { z } from 'zod';
import { channel, Empty } from './channel';
import { TlpLevelSchema } from './indicators';
// The core's own profile type, from a dependency-free module: only the type crosses, never core code.
import type { ConnectionReport, SyncProfile } from '../../main/core/sync/sync-profile-model';

export type { SyncProfile };

export type SyncConnectionReport = ConnectionReport;

export interface SyncProgress {
  profile: string;
  phase: 'connect' | 'pull' | 'push' | 'done';
  collection?: string;
  pulled: number;
  pushed: number;
  queued: number;
}

export interface SyncRunReport {
  profile: string;
  ok: boolean;
  error?: string;
  pulled: { collection: string; pages: number; received: number; applied: number; conflicts: number; indicatorsNew: number; indicatorsMerged: number; rejected: number }[];
  pushed: { accepted: number; failed: number; pending: number; deferred: number };
}

export interface SyncProfileStatus {
  profile: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  queued: number;
  pending: number;
  accepted: number;
  failed: number;
  failures: { stixId: string; modified: string; error: string }[];
  withheld: number;
  conflicts: number;
}

export interface SyncConflict {
  id: number;
  profile: string;
  stixId: string;
  detectedAt: string;
  local: { modified: string; object: Record<string, unknown> };
  remote: { modified: string; object: Record<string, unknown> };
}

export interface SyncShareResult {
  queued: number;
  unchanged: number;
  aboveCeiling: number;
  profiles: string[];
  perProfile: { profile: string; queued: number; withheld: number }[];
}

export interface SyncPublishResult {
  briefingId: number;
  version: number;
  profiles: { profile: string; queued: number; withheld: number; refused?: string }[];
}

const HttpUrl = z.string().max(2048).regex(/^https?:\/\//i, 'must start with http:// or https://');
const CollectionId = z.string().min(1).max(200).regex(/^[^/?#\s]+$/);
const ProfileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const Credentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('basic'), user: z.string().min(1).max(256), password: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1).max(4096) }).strict(),
]);
/** PEM text pasted by the analyst: small, and certificates only. */
const CaPem = z.string().max(64 * 1024).regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate');

const ConnectionFields = {
  discoveryUrl: HttpUrl,
  apiRootUrl: HttpUrl.optional(),
  pushCollection: CollectionId,
  pullCollections: z.array(CollectionId).max(20).default([]),
  credentials: Credentials,
  caPem: CaPem.optional(),
};

const SyncAddRequest = z.object({ name: ProfileName, tlpMax: TlpLevelSchema, ...ConnectionFields }).strict();
const SyncTestRequest = z.union([z.object({ name: ProfileName }).strict(), z.object(ConnectionFields).strict()]);
const RunId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export type SyncAddRequest = z.input<typeof SyncAddRequest>;

export const syncChannels = {
  'sync:profiles': channel<typeof Empty, SyncProfile[]>(Empty),
  'sync:add': channel<typeof SyncAddRequest, SyncProfile>(SyncAddRequest),
  'sync:remove': channel<z.ZodObject<{ name: typeof ProfileName }>, { removed: true }>(z.object({ name: ProfileName }).strict()),
  'sync:test': channel<typeof SyncTestRequest, SyncConnectionReport>(SyncTestRequest),
  'sync:run': channel<z.ZodObject<{ profile: z.ZodOptional<typeof ProfileName> }>, { runId: string }>(z.object({ profile: ProfileName.optional() }).strict()),
  'sync:cancel': channel<z.ZodObject<{ runId: typeof RunId }>, { cancelled: boolean }>(z.object({ runId: RunId }).strict()),
  'sync:status': channel<typeof Empty, SyncProfileStatus[]>(Empty),
  'sync:conflicts': channel<typeof Empty, SyncConflict[]>(Empty),
  'sync:resolve': channel<z.ZodObject<{ id: z.ZodNumber; resolution: z.ZodEnum<{ 'keep-mine': 'keep-mine'; 'take-theirs': 'take-theirs' }> }>, { resolved: number }>(
    z.object({ id: z.number().int().positive(), resolution: z.enum(['keep-mine', 'take-theirs']) }).strict(),
  ),
  'sync:publish': channel<z.ZodObject<{ briefingId: z.ZodNumber; profiles: z.ZodOptional<z.ZodArray<typeof ProfileName>> }>, SyncPublishResult>(
    z.object({ briefingId: z.number().int().positive(), profiles: z.array(ProfileName).max(20).optional() }).strict(),
  ),
  'sync:share': channel<z.ZodObject<{ indicatorIds: z.ZodArray<z.ZodNumber>; profiles: z.ZodOptional<z.ZodArray<typeof ProfileName>> }>, SyncShareResult>(
    z.object({ indicatorIds: z.array(z.number().int().positive()).min(1).max(10_000), profiles: z.array(ProfileName).max(20).optional() }).strict(),
  ),
};
