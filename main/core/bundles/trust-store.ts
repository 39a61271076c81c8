import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import { isOneLineName, normaliseFingerprint } from './fingerprint';
import type { BundleAuthor, PublicIdentity } from './identity';
import { getIdentity } from './identity';

/** A partner identity this vault trusts: bundles it signed verify as "trusted"; it can be a recipient. */
export interface TrustedKey extends PublicIdentity {
  /** The local name the analyst gave it (defaults to "analyst (organisation)"). */
  name: string;
  addedAt: string;
  addedBy: string;
}

interface TrustedRow {
  fingerprint: string;
  name: string;
  analyst: string;
  organisation: string;
  stix_id: string;
  sign_public: string;
  age_recipient: string;
  added_at: string;
  added_by: string;
}

function fromRow(row: TrustedRow): TrustedKey {
  return {
    fingerprint: row.fingerprint,
    name: row.name,
    analyst: row.analyst,
    organisation: row.organisation,
    stixId: row.stix_id,
    minisignPublicKey: row.sign_public,
    ageRecipient: row.age_recipient,
    createdAt: row.added_at,
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}

/** Trusted keys, by name. */
export function listTrustedKeys(db: Database): TrustedKey[] {
  return (db.prepare('SELECT * FROM trusted_keys ORDER BY name, fingerprint').all() as TrustedRow[]).map(fromRow);
}

/** The trusted key with this fingerprint (any spelling an analyst types), or undefined. */
export function getTrustedKey(db: Database, fingerprint: string): TrustedKey | undefined {
  const canonical = normaliseFingerprint(fingerprint);
  if (!canonical) return undefined;
  const row = db.prepare('SELECT * FROM trusted_keys WHERE fingerprint = ?').get(canonical) as TrustedRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** The trusted key holding this minisign public key, or undefined. */
export function findTrustedBySigningKey(db: Database, minisignPublicKey: string): TrustedKey | undefined {
  const row = db.prepare('SELECT * FROM trusted_keys WHERE sign_public = ?').get(minisignPublicKey) as TrustedRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Trusts `identity` (read from a public identity file and confirmed by the analyst). Audited as `trust.add`. */
export function addTrustedKey(db: Database, author: BundleAuthor, identity: PublicIdentity, name?: string): TrustedKey {
  const localName = (name ?? `${identity.analyst} (${identity.organisation})`).trim();
  if (!isOneLineName(localName)) {
    throw new WorkbenchError('INVALID_INPUT', 'The name must be 1 to 200 characters on one line.');
  }
  if (getIdentity(db)?.fingerprint === identity.fingerprint) {
    throw new WorkbenchError('INVALID_INPUT', `${identity.fingerprint} is this vault's own identity; it needs no trust entry.`);
  }
  const existing = getTrustedKey(db, identity.fingerprint);
  if (existing) throw new WorkbenchError('INVALID_INPUT', `${identity.fingerprint} is already trusted as "${existing.name}".`);
  // One entry per signing key (the store's unique index): a partner who changed only the encryption key
  // has a new fingerprint, and the old entry has to go first, deliberately.
  const sameSigner = findTrustedBySigningKey(db, identity.minisignPublicKey);
  if (sameSigner) {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `The signing key of ${identity.fingerprint} is already trusted as "${sameSigner.name}" (${sameSigner.fingerprint}) with another encryption key. If the partner changed keys, check the new fingerprint with them and remove the old entry first.`,
    );
  }
  const row: TrustedRow = {
    fingerprint: identity.fingerprint,
    name: localName,
    analyst: identity.analyst,
    organisation: identity.organisation,
    stix_id: identity.stixId,
    sign_public: identity.minisignPublicKey,
    age_recipient: identity.ageRecipient,
    added_at: author.at.toISOString(),
    added_by: author.actor,
  };
  mutate(
    db,
    { at: author.at, actor: author.actor, action: 'trust.add', target: `key:${identity.fingerprint}`, after: { name: localName, analyst: identity.analyst, organisation: identity.organisation } },
    () =>
      db.prepare(
        `INSERT INTO trusted_keys (fingerprint, name, analyst, organisation, stix_id, sign_public, age_recipient, added_at, added_by)
         VALUES (@fingerprint, @name, @analyst, @organisation, @stix_id, @sign_public, @age_recipient, @added_at, @added_by)`,
      ).run(row),
  );
  return fromRow(row);
}

/** Stops trusting a key. Audited as `trust.remove` with what was removed. NOT_FOUND when it is not trusted. */
export function removeTrustedKey(db: Database, author: BundleAuthor, fingerprint: string): TrustedKey {
  const existing = getTrustedKey(db, fingerprint);
  if (!existing) throw new WorkbenchError('NOT_FOUND', `No trusted key has the fingerprint ${fingerprint}.`);
  mutate(
    db,
    { at: author.at, actor: author.actor, action: 'trust.remove', target: `key:${existing.fingerprint}`, before: { name: existing.name, analyst: existing.analyst, organisation: existing.organisation } },
    () => db.prepare('DELETE FROM trusted_keys WHERE fingerprint = ?').run(existing.fingerprint),
  );
  return existing;
}
