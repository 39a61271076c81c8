import { createHash } from 'node:crypto';
import type { TlpLevel } from '../ingest/ingest-record';
import { AgePayloadWriter, type ByteSink } from './age-payload-writer';
import { custodyBytes, type CustodyEntry } from './custody';
import type { VaultIdentity } from './identity';
import { BUNDLE_FORMAT, manifestBytes, type BundleManifest } from './manifest';
import { minisignSign } from './minisign';
import { writeTarTo } from './ustar';

export interface BundleFileInput {
  identity: VaultIdentity;
  /** The STIX 2.1 bundle as serialised (bundle.json). */
  stix: Uint8Array;
  bundleId: string;
  objects: BundleManifest['objects'];
  custody: readonly CustodyEntry[];
  tlpMax: TlpLevel;
  /** age recipients; empty for a signed-only bundle. */
  recipients: readonly string[];
  created: Date;
  tool: string;
}

export interface BundleFile {
  bytes: Uint8Array;
  manifest: BundleManifest;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The minisign trusted comment: readable by `minisign -V` users, and signed. */
export function trustedComment(manifest: BundleManifest): string {
  return `liaison bundle ${manifest.bundle_id} by ${manifest.producer.fingerprint} created ${manifest.created} TLP:${manifest.tlp_max.toUpperCase()}`.replace(/[\r\n]/g, ' ');
}

/** The whole file in memory (tests, small bundles); exports stream it to disk with streamBundleFile. */
export async function writeBundleFile(input: BundleFileInput): Promise<BundleFile> {
  const pieces: Uint8Array[] = [];
  const manifest = await streamBundleFile(input, (bytes) => pieces.push(bytes));
  return { bytes: Buffer.concat(pieces), manifest };
}

/**
 * Assembles the file: manifest.json (format, producer, TLP ceiling, counts, payload hashes), its minisign
 * signature, bundle.json and custody.json, in that order, as ustar; then, with recipients, age-encrypted
 * to all of them. The signature is inside the encryption so a non-recipient learns nothing, not even who
 * signed. The file is handed to `sink` in order as it is made; the archive is never held whole.
 */
export async function streamBundleFile(input: BundleFileInput, sink: ByteSink): Promise<BundleManifest> {
  const custody = custodyBytes(input.bundleId, input.custody);
  const { identity } = input;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    bundle_id: input.bundleId,
    created: input.created.toISOString(),
    tool: input.tool,
    producer: {
      analyst: identity.analyst,
      organisation: identity.organisation,
      stix_identity_id: identity.stixId,
      fingerprint: identity.fingerprint,
      minisign_public_key: identity.minisignPublicKey,
      age_recipient: identity.ageRecipient,
    },
    tlp_max: input.tlpMax,
    encrypted_to: [...input.recipients],
    objects: input.objects,
    payload: [
      { name: 'bundle.json', size: input.stix.length, sha256: sha256(input.stix) },
      { name: 'custody.json', size: custody.length, sha256: sha256(custody) },
    ],
  };
  const manifestData = manifestBytes(manifest);
  const signature = Buffer.from(minisignSign(identity.signSeed, identity.signPublic, manifestData, trustedComment(manifest)), 'utf8');
  const entries = [
    { name: 'manifest.json', data: manifestData },
    { name: 'manifest.json.minisig', data: signature },
    { name: 'bundle.json', data: input.stix },
    { name: 'custody.json', data: custody },
  ];
  const mtime = Math.floor(input.created.getTime() / 1000);
  if (input.recipients.length === 0) {
    writeTarTo(entries, mtime, sink);
    return manifest;
  }
  const age = await AgePayloadWriter.open(input.recipients, sink);
  writeTarTo(entries, mtime, (bytes) => age.write(bytes));
  age.end();
  return manifest;
}
