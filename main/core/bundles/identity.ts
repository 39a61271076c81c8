import { randomUUID } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import { identityFingerprint, isOneLineName } from './fingerprint';
import { minisignPublicKey } from './minisign';
import { generateSigningKey } from './signing-key';

/** Who acts and when (both go into the audit log). */
export interface BundleAuthor {
  actor: string;
  at: Date;
}

/** The public half of an identity: what a partner needs to verify our bundles and encrypt to us. */
export interface PublicIdentity {
  fingerprint: string;
  stixId: string;
  analyst: string;
  organisation: string;
  /** minisign's one-line public key (base64 of "Ed" + key id + Ed25519 key). */
  minisignPublicKey: string;
  /** age X25519 recipient, `age1…`. */
  ageRecipient: string;
  createdAt: string;
}

/** The vault's own identity, private keys included. Never leaves the core except by an explicit export. */
export interface VaultIdentity extends PublicIdentity {
  signPublic: Uint8Array;
  signSeed: Uint8Array;
  /** `AGE-SECRET-KEY-1…`. */
  ageIdentity: string;
}

interface IdentityRow {
  stix_id: string;
  analyst: string;
  organisation: string;
  sign_public: string;
  sign_secret: string;
  age_recipient: string;
  age_identity: string;
  fingerprint: string;
  created_at: string;
}

/** The vault's identity, or undefined before the first bundle operation created it. */
export function getIdentity(db: Database): VaultIdentity | undefined {
  const row = db.prepare('SELECT * FROM vault_identity WHERE id = 1').get() as IdentityRow | undefined;
  if (!row) return undefined;
  const signPublic = new Uint8Array(Buffer.from(row.sign_public, 'base64'));
  return {
    fingerprint: row.fingerprint,
    stixId: row.stix_id,
    analyst: row.analyst,
    organisation: row.organisation,
    minisignPublicKey: minisignPublicKey(signPublic),
    ageRecipient: row.age_recipient,
    createdAt: row.created_at,
    signPublic,
    signSeed: new Uint8Array(Buffer.from(row.sign_secret, 'base64')),
    ageIdentity: row.age_identity,
  };
}

export interface IdentityNames {
  analyst?: string;
  organisation?: string;
}

/**
 * The vault's identity, generated on first use (keys from the CSPRNG, stored only in the encrypted vault)
 * and audited as `identity.create`. Names default to the acting analyst and "Unnamed organisation".
 */
export async function ensureIdentity(db: Database, author: BundleAuthor, names: IdentityNames = {}): Promise<VaultIdentity> {
  const existing = getIdentity(db);
  if (existing) return existing;
  // Key generation is async (WebCrypto inside age-encryption), so it runs before the write transaction.
  const sign = generateSigningKey();
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  const analyst = checkName(names.analyst ?? author.actor, 'analyst');
  const organisation = checkName(names.organisation ?? 'Unnamed organisation', 'organisation');
  const fingerprint = identityFingerprint(sign.publicKey, ageRecipient);
  const row: IdentityRow = {
    stix_id: `identity--${randomUUID()}`,
    analyst,
    organisation,
    sign_public: Buffer.from(sign.publicKey).toString('base64'),
    sign_secret: Buffer.from(sign.seed).toString('base64'),
    age_recipient: ageRecipient,
    age_identity: ageIdentity,
    fingerprint,
    created_at: author.at.toISOString(),
  };
  mutate(db, { at: author.at, actor: author.actor, action: 'identity.create', target: `identity:${fingerprint}`, after: { fingerprint, analyst, organisation } }, () => {
    // A second process may have created it since the read above; the first one wins, nobody overwrites.
    if (getIdentity(db)) return;
    db.prepare(
      `INSERT INTO vault_identity (id, stix_id, analyst, organisation, sign_public, sign_secret, age_recipient, age_identity, fingerprint, created_at)
       VALUES (1, @stix_id, @analyst, @organisation, @sign_public, @sign_secret, @age_recipient, @age_identity, @fingerprint, @created_at)`,
    ).run(row);
  });
  return getIdentity(db)!;
}

/** Renames the analyst and/or organisation the identity names (the keys stay). Audited. */
export function renameIdentity(db: Database, author: BundleAuthor, names: IdentityNames): PublicIdentity {
  const current = getIdentity(db);
  if (!current) throw new WorkbenchError('NOT_FOUND', 'This vault has no identity yet.');
  const analyst = checkName(names.analyst ?? current.analyst, 'analyst');
  const organisation = checkName(names.organisation ?? current.organisation, 'organisation');
  mutate(
    db,
    { at: author.at, actor: author.actor, action: 'identity.rename', target: `identity:${current.fingerprint}`, before: { analyst: current.analyst, organisation: current.organisation }, after: { analyst, organisation } },
    () => db.prepare('UPDATE vault_identity SET analyst = ?, organisation = ? WHERE id = 1').run(analyst, organisation),
  );
  return toPublic(getIdentity(db)!);
}

/** The public half only (safe to show and to send). */
export function toPublic(identity: PublicIdentity): PublicIdentity {
  const { fingerprint, stixId, analyst, organisation, minisignPublicKey: key, ageRecipient, createdAt } = identity;
  return { fingerprint, stixId, analyst, organisation, minisignPublicKey: key, ageRecipient, createdAt };
}

/**
 * The age identity file the stock `age -d -i FILE` reads. Writing a private key out of the vault is the
 * analyst's explicit decision: recorded as `identity.export-secret` (without the key).
 */
export function exportAgeSecret(db: Database, author: BundleAuthor): string {
  const identity = getIdentity(db);
  if (!identity) throw new WorkbenchError('NOT_FOUND', 'This vault has no identity yet.');
  mutate(db, { at: author.at, actor: author.actor, action: 'identity.export-secret', target: `identity:${identity.fingerprint}`, after: { kind: 'age' } }, () => undefined);
  return `# created: ${author.at.toISOString()}\n# Liaison Workbench identity ${identity.fingerprint}\n# public key: ${identity.ageRecipient}\n${identity.ageIdentity}\n`;
}

function checkName(value: string, what: string): string {
  const trimmed = value.trim();
  if (!isOneLineName(trimmed)) {
    throw new WorkbenchError('INVALID_INPUT', `The ${what} name must be 1 to 200 characters on one line.`);
  }
  return trimmed;
}
