/**
 * The chain of custody a bundle carries: who imported, triaged, approved and exported what it contains,
 * as entries hash-chained like an append-only log (each entry's hash covers its fields and the previous
 * hash), so a receiver can tell the history was not edited, reordered or cut in the middle, and can
 * append its own import to the same chain. The chain's integrity in transit comes from the manifest's
 * signed SHA-256 of custody.json; the hash chain is what keeps it checkable after a receiver appends.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CUSTODY_ACTIONS, type CustodyAction, type CustodyEntry, type CustodyEntryInput } from './bundle-model';

export { CUSTODY_ACTIONS, type CustodyAction, type CustodyEntry, type CustodyEntryInput };

export const CUSTODY_FORMAT = 'liaison-custody/1';
const GENESIS = '0'.repeat(64);

const entrySchema = z.strictObject({
  seq: z.number().int().min(0),
  at: z.string().max(40),
  actor: z.string().max(200),
  organisation: z.string().max(200),
  fingerprint: z.string().max(40),
  action: z.enum(CUSTODY_ACTIONS),
  detail: z.string().max(2000),
  objects: z.array(z.string().max(200)),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const custodySchema = z.strictObject({
  format: z.literal(CUSTODY_FORMAT),
  bundle_id: z.string(),
  entries: z.array(entrySchema),
});

export type CustodyDocument = z.infer<typeof custodySchema>;

/** An entry's hash: SHA-256 over a fixed-order JSON array of its fields and the previous hash. */
function entryHash(seq: number, prev: string, e: CustodyEntryInput): string {
  const fields = [seq, prev, e.at, e.actor, e.organisation, e.fingerprint, e.action, e.detail, e.objects];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Appends entries to a chain (a new chain when `chain` is empty) and returns the longer chain. */
export function appendCustody(chain: readonly CustodyEntry[], entries: readonly CustodyEntryInput[]): CustodyEntry[] {
  const out = [...chain];
  for (const input of entries) {
    const seq = out.length;
    const prev = out[seq - 1]?.hash ?? GENESIS;
    const { at, actor, organisation, fingerprint, action, detail, objects } = input;
    out.push({ seq, at, actor, organisation, fingerprint, action, detail, objects: [...objects], prev, hash: entryHash(seq, prev, input) });
  }
  return out;
}

export type CustodyCheck = { ok: true; entries: number; head: string } | { ok: false; reason: string };

/** Checks sequence numbers, links and hashes of every entry. */
export function verifyCustody(chain: readonly CustodyEntry[]): CustodyCheck {
  let prev = GENESIS;
  for (const [index, entry] of chain.entries()) {
    if (entry.seq !== index) return { ok: false, reason: `custody entry ${index} is numbered ${entry.seq} (entries were removed or reordered)` };
    if (entry.prev !== prev) return { ok: false, reason: `custody entry ${index} does not link to the entry before it` };
    if (entryHash(entry.seq, entry.prev, entry) !== entry.hash) return { ok: false, reason: `custody entry ${index} was changed after it was recorded` };
    prev = entry.hash;
  }
  return { ok: true, entries: chain.length, head: prev };
}

/** The custody.json document. */
export function custodyBytes(bundleId: string, chain: readonly CustodyEntry[]): Uint8Array {
  const doc: CustodyDocument = { format: CUSTODY_FORMAT, bundle_id: bundleId, entries: [...chain] };
  return Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8');
}
