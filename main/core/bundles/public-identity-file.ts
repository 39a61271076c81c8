import { z } from 'zod';
import { WorkbenchError } from '../errors';
import { identityFingerprint } from './fingerprint';
import type { PublicIdentity } from './identity';
import { minisignPublicKey, parseMinisignPublicKey } from './minisign';

export const PUBLIC_IDENTITY_FORMAT = 'liaison-identity/1';
/** A public identity file is a few hundred bytes; anything much larger is not one. */
export const MAX_PUBLIC_IDENTITY_BYTES = 16 * 1024;

const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

const fileSchema = z.strictObject({
  format: z.literal(PUBLIC_IDENTITY_FORMAT),
  fingerprint: z.string(),
  analyst: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
  stix_identity: z.looseObject({ type: z.literal('identity'), id: z.string().regex(/^identity--[0-9a-f-]{36}$/) }),
  minisign_public_key: z.string(),
  age_recipient: z.string().regex(AGE_RECIPIENT),
  created: z.string(),
});

/** The STIX 2.1 identity object (§4.7) naming the analyst and organisation behind a key. */
export function stixIdentityObject(identity: PublicIdentity): Record<string, unknown> {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: identity.stixId,
    created: identity.createdAt,
    modified: identity.createdAt,
    name: `${identity.analyst} (${identity.organisation})`,
    identity_class: 'individual',
    description: `Liaison Workbench exchange identity of ${identity.analyst}, ${identity.organisation}; key fingerprint ${identity.fingerprint}.`,
  };
}

/** The public identity file `liaison identity export-public` writes and `liaison trust add` reads. */
export function publicIdentityFile(identity: PublicIdentity): string {
  const file = {
    format: PUBLIC_IDENTITY_FORMAT,
    fingerprint: identity.fingerprint,
    analyst: identity.analyst,
    organisation: identity.organisation,
    stix_identity: stixIdentityObject(identity),
    minisign_public_key: identity.minisignPublicKey,
    age_recipient: identity.ageRecipient,
    created: identity.createdAt,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a public identity file. The fingerprint is recomputed from the keys, never taken from the file:
 * what the analyst confirms on the phone is what the keys really hash to.
 */
export function parsePublicIdentityFile(text: string, fileName: string): PublicIdentity {
  const fail = (reason: string): never => {
    throw new WorkbenchError('INVALID_INPUT', `${fileName}: ${reason}`);
  };
  if (text.length > MAX_PUBLIC_IDENTITY_BYTES) fail('too large to be a public identity file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('not JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`not a Liaison public identity file (${issue.path.join('.') || 'document'}: ${issue.message})`);
  }
  const file = parsed.data;
  const signPublic = parseMinisignPublicKey(file.minisign_public_key) ?? fail('minisign_public_key is not a minisign Ed25519 public key');
  const fingerprint = identityFingerprint(signPublic, file.age_recipient);
  if (file.fingerprint !== fingerprint) fail(`the fingerprint written in the file (${file.fingerprint}) does not match its keys (${fingerprint})`);
  return {
    fingerprint,
    stixId: file.stix_identity.id,
    analyst: file.analyst,
    organisation: file.organisation,
    minisignPublicKey: minisignPublicKey(signPublic),
    ageRecipient: file.age_recipient,
    createdAt: file.created,
  };
}

/** True for an age X25519 recipient (`age1…`, bech32). */
export function isAgeRecipient(text: string): boolean {
  return AGE_RECIPIENT.test(text);
}
