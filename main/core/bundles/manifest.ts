import { z } from 'zod';
import { TLP_LEVELS, type TlpLevel } from '../ingest/ingest-record';

/** The only format this build writes and reads; anything else is refused by name, before any other check. */
export const BUNDLE_FORMAT = 'liaison-bundle/1';
export const PART_NAMES = ['manifest.json', 'manifest.json.minisig', 'bundle.json', 'custody.json'] as const;
export type PayloadName = 'bundle.json' | 'custody.json';

const SHA256_HEX = /^[0-9a-f]{64}$/;

const payloadSchema = z.strictObject({
  name: z.enum(['bundle.json', 'custody.json']),
  size: z.number().int().min(0),
  sha256: z.string().regex(SHA256_HEX),
});

const producerSchema = z.strictObject({
  analyst: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
  stix_identity_id: z.string().regex(/^identity--[0-9a-f-]{36}$/),
  fingerprint: z.string(),
  minisign_public_key: z.string(),
  age_recipient: z.string(),
});

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundle_id: z.string().regex(/^bundle--[0-9a-f-]{36}$/),
  created: z.iso.datetime(),
  tool: z.string().max(100),
  producer: producerSchema,
  tlp_max: z.enum(TLP_LEVELS as [TlpLevel, ...TlpLevel[]]),
  /** age recipients the file was encrypted to; empty for a signed-only bundle. */
  encrypted_to: z.array(z.string()).max(100),
  objects: z.strictObject({ total: z.number().int().min(0), by_type: z.record(z.string(), z.number().int().min(0)) }),
  /** bundle.json then custody.json, in archive order. */
  payload: z.tuple([payloadSchema, payloadSchema]),
});

export type BundleManifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes as signed: one JSON document with a final newline (what `minisign -Vm` reads). */
export function manifestBytes(manifest: BundleManifest): Uint8Array {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
