import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../ingest/ingest-record';
import { tlpFromRank, tlpRank } from '../vault/queries/tlp-rank';
import type { SyncProfile } from './sync-profile-model';
import { TaxiiError } from './taxii-error';
import { requireHttpUrl, withTrailingSlash, type TaxiiCredentials } from './taxii-http';

/** What an analyst gives to add a profile (the CLI reads secrets from the environment, never argv). */
export interface SyncProfileInput {
  name: string;
  discoveryUrl: string;
  apiRootUrl?: string;
  pushCollection: string;
  pullCollections?: readonly string[];
  credentials: TaxiiCredentials;
  /** PEM text of the CA that signs the hub's certificate. */
  caPem?: string;
  /** Nothing above this TLP is ever sent to this hub. */
  tlpMax: TlpLevel;
}

export type { SyncProfile };

/** The profile with what a connection needs; only the engine asks for it. */
export interface SyncProfileSecrets extends SyncProfile {
  credentials: TaxiiCredentials;
  caPem?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const COLLECTION = z.string().min(1).max(200).regex(/^[^/?#\s]+$/, 'a collection id has no slashes, spaces, ? or #');

interface ProfileRow {
  id: number;
  name: string;
  discovery_url: string;
  api_root_url: string | null;
  push_collection: string;
  pull_collections_json: string;
  auth_kind: 'none' | 'basic' | 'bearer';
  auth_user: string | null;
  secret: string | null;
  ca_pem: string | null;
  tlp_max_rank: number;
  created_at: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
}

/** Adds a profile (audited, without its secret). */
export function addSyncProfile(db: Database, input: SyncProfileInput, author: { actor: string; at: Date }): SyncProfile {
  if (!NAME.test(input.name)) throw new WorkbenchError('INVALID_INPUT', `A profile name is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit; "${input.name}" is not.`);
  const discoveryUrl = withTrailingSlash(checkedUrl(input.discoveryUrl, 'discovery URL'));
  const apiRootUrl = input.apiRootUrl ? withTrailingSlash(checkedUrl(input.apiRootUrl, 'API root URL')) : null;
  for (const id of [input.pushCollection, ...(input.pullCollections ?? [])]) {
    const parsed = COLLECTION.safeParse(id);
    if (!parsed.success) throw new WorkbenchError('INVALID_INPUT', `The collection id "${id}" is not valid: ${parsed.error.issues[0]?.message ?? 'bad id'}.`);
  }
  const credentials = input.credentials;
  if (credentials.kind === 'basic' && (!credentials.user || !credentials.password)) throw new WorkbenchError('INVALID_INPUT', 'Basic authentication needs a user name and a password.');
  if (credentials.kind === 'bearer' && !credentials.token) throw new WorkbenchError('INVALID_INPUT', 'Bearer authentication needs a token.');
  if (input.caPem !== undefined && !/-----BEGIN CERTIFICATE-----/.test(input.caPem)) throw new WorkbenchError('INVALID_INPUT', 'The CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----).');
  const pull = [...new Set(input.pullCollections?.length ? input.pullCollections : [input.pushCollection])];
  const at = author.at.toISOString();
  return mutate(
    db,
    (profile: SyncProfile) => ({ at: author.at, actor: author.actor, action: 'sync.profile.add', target: `sync-profile:${profile.id}`, before: null, after: auditView(profile) }),
    () => {
      if (db.prepare('SELECT 1 FROM sync_profiles WHERE name = ?').get(input.name)) throw new WorkbenchError('INVALID_INPUT', `A sync profile named "${input.name}" exists already.`);
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO sync_profiles (name, discovery_url, api_root_url, push_collection, pull_collections_json, auth_kind, auth_user, secret, ca_pem, tlp_max_rank, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.name, discoveryUrl, apiRootUrl, input.pushCollection, JSON.stringify(pull), credentials.kind,
          credentials.kind === 'basic' ? credentials.user : null,
          credentials.kind === 'basic' ? credentials.password : credentials.kind === 'bearer' ? credentials.token : null,
          input.caPem ?? null, tlpRank(input.tlpMax), at, at,
        );
      return requireSyncProfile(db, Number(lastInsertRowid));
    },
  );
}

/** Removes a profile with its outbox, checkpoints and conflicts (audited). Shared objects stay. */
export function removeSyncProfile(db: Database, name: string, author: { actor: string; at: Date }): void {
  const profile = requireSyncProfile(db, name);
  mutate(db, { at: author.at, actor: author.actor, action: 'sync.profile.remove', target: `sync-profile:${profile.id}`, before: auditView(profile), after: null }, () => {
    db.prepare('DELETE FROM sync_profiles WHERE id = ?').run(profile.id);
  });
}

export function listSyncProfiles(db: Database): SyncProfile[] {
  return (db.prepare('SELECT * FROM sync_profiles ORDER BY name').all() as ProfileRow[]).map(toProfile);
}

/** A profile by id or name, or NOT_FOUND. */
export function requireSyncProfile(db: Database, key: number | string): SyncProfile {
  return toProfile(requireRow(db, key));
}

/** The profile with its credentials and CA: for opening a connection, never for display. */
export function requireSyncProfileSecrets(db: Database, key: number | string): SyncProfileSecrets {
  const row = requireRow(db, key);
  const credentials: TaxiiCredentials =
    row.auth_kind === 'basic' ? { kind: 'basic', user: row.auth_user ?? '', password: row.secret ?? '' } : row.auth_kind === 'bearer' ? { kind: 'bearer', token: row.secret ?? '' } : { kind: 'none' };
  return { ...toProfile(row), credentials, ...(row.ca_pem ? { caPem: row.ca_pem } : {}) };
}

/** Records the outcome of a run on the profile (last attempt, last success, last error). */
export function recordRunOutcome(db: Database, profileId: number, at: string, error: string | null): void {
  db.prepare(
    `UPDATE sync_profiles SET last_attempt_at = @at, last_error = @error, last_success_at = CASE WHEN @error IS NULL THEN @at ELSE last_success_at END WHERE id = @id`,
  ).run({ at, error, id: profileId });
}

function requireRow(db: Database, key: number | string): ProfileRow {
  const row = (typeof key === 'number' ? db.prepare('SELECT * FROM sync_profiles WHERE id = ?').get(key) : db.prepare('SELECT * FROM sync_profiles WHERE name = ?').get(key)) as ProfileRow | undefined;
  if (!row) throw new WorkbenchError('NOT_FOUND', `No sync profile ${typeof key === 'number' ? `#${key}` : `"${key}"`}.`);
  return row;
}

function toProfile(row: ProfileRow): SyncProfile {
  return {
    id: row.id,
    name: row.name,
    discoveryUrl: row.discovery_url,
    apiRootUrl: row.api_root_url,
    pushCollection: row.push_collection,
    pullCollections: JSON.parse(row.pull_collections_json) as string[],
    auth: row.auth_kind,
    user: row.auth_user,
    customCa: row.ca_pem !== null,
    tlpMax: tlpFromRank(row.tlp_max_rank),
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
  };
}

function auditView(profile: SyncProfile) {
  const { name, discoveryUrl, apiRootUrl, pushCollection, pullCollections, auth, user, customCa, tlpMax } = profile;
  return { name, discoveryUrl, apiRootUrl, pushCollection, pullCollections, auth, user, customCa, tlpMax };
}

function checkedUrl(text: string, what: string): string {
  try {
    return requireHttpUrl(text, what).toString();
  } catch (error) {
    if (error instanceof TaxiiError) throw new WorkbenchError('INVALID_INPUT', error.message);
    throw error;
  }
}
