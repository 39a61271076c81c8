import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { importSources } from '../ingest/import/import-job';
import type { ImportIndexing } from '../ingest/import/import-items';
import type { FileImportResult } from '../ingest/import/import-summary';
import type { BundleSource } from './bundle-file-reader';
import type { BundleLimits } from './bundle-limits';
import { appendCustody, type CustodyEntry } from './custody';
import { ensureIdentity, type BundleAuthor } from './identity';
import { verifyBundle, type BundleVerification } from './bundle-verify';
import type { BundleImportRow } from './bundle-model';

export type { BundleImportRow };

export interface BundleImportOptions {
  /** Import even though the signer is not in the trust store (the analyst confirmed); recorded as such. */
  acceptUnknownSigner: boolean;
  /** The triage indexing every import runs (search index, warninglists), injected from above ingest. */
  indexing?: ImportIndexing;
  now?: () => Date;
  signal?: AbortSignal;
  limits?: Partial<BundleLimits>;
  /**
   * The report the analyst confirmed (the verify screen): the file is verified again on import, and must
   * still be that bundle from that signer with those payloads, or the confirmation does not apply to it.
   */
  confirmed?: Pick<BundleVerification, 'bundleId' | 'signer' | 'payload'>;
}

export interface BundleImportResult {
  verification: BundleVerification;
  result: FileImportResult;
  /** The custody chain as received with this vault's import appended (stored with the import). */
  custody: CustodyEntry[];
}

/**
 * Verifies a bundle and imports its STIX content through the ordinary import pipeline (one transaction,
 * all or nothing), with its provenance (bundle id, signer fingerprint, whether trusted, import time and
 * the extended custody chain) and a `bundle.import` audit entry written in that same transaction.
 * A refused bundle, or an unknown signer without `acceptUnknownSigner`, imports nothing. Importing the same
 * bundle again merges as any re-import does: a sighting per indicator, no new indicators.
 */
export async function importBundle(db: Database, author: BundleAuthor, source: BundleSource, options: BundleImportOptions): Promise<BundleImportResult> {
  const { report, opened } = await verifyBundle(db, source, options.limits ? { limits: options.limits } : {});
  if (!report.ok || !opened?.stix) throw new WorkbenchError('INVALID_INPUT', `Not imported: ${report.problems[0] ?? 'the bundle could not be read'}`);
  const signer = report.signer!;
  if (options.confirmed && !sameBundle(options.confirmed, report)) {
    throw new WorkbenchError('INVALID_INPUT', `Not imported: ${report.file} is no longer the bundle that was verified (it changed on disk since); open it again.`);
  }
  if (!signer.trusted && !options.acceptUnknownSigner) {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `Not imported: ${report.file} is validly signed by ${signer.analyst} (${signer.organisation}), fingerprint ${signer.fingerprint}, who is not in the trust store. Check the fingerprint with them, then trust the key or confirm this import (--accept-unknown-signer).`,
    );
  }
  // Only now, for a bundle that will be imported: a refused one leaves the vault as it was, identity included.
  const identity = await ensureIdentity(db, author);
  const importedAt = author.at.toISOString();
  const custody = appendCustody(opened.custody, [
    {
      at: importedAt,
      actor: author.actor,
      organisation: identity.organisation,
      fingerprint: identity.fingerprint,
      action: 'received',
      detail: `imported; signer ${signer.fingerprint} ${signer.trusted ? `trusted as "${signer.trustedAs}"` : 'NOT in the trust store, accepted by the analyst'}`,
      objects: [opened.manifest.bundle_id],
    },
  ]);
  const inner = options.indexing;
  // The provenance rows join the import's own transaction through its indexing hook (finish runs just
  // before COMMIT), so an import is never committed without them, nor they without it.
  const indexing: ImportIndexing = (tx, lastIdBefore) => {
    const base = inner?.(tx, lastIdBefore);
    return {
      written: (entries, ids, outcomes) => base?.written(entries, ids, outcomes),
      amended: (id) => base?.amended(id),
      finish: () => {
        base?.finish();
        // The import's source row is the newest one: it was inserted in this same write transaction.
        const sourceId = tx.prepare('SELECT max(id) FROM sources').pluck().get() as number;
        tx.prepare(
          `INSERT INTO bundle_imports (bundle_id, source_id, signer_fingerprint, signer_name, signer_trusted, imported_at, imported_by, custody_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(opened.manifest.bundle_id, sourceId, signer.fingerprint, signer.trustedAs ?? `${signer.analyst} (${signer.organisation})`, signer.trusted ? 1 : 0, importedAt, author.actor, JSON.stringify(custody));
        appendAudit(tx, {
          at: author.at,
          actor: author.actor,
          action: 'bundle.import',
          target: `bundle:${opened.manifest.bundle_id}`,
          after: { file: report.file, source: sourceId, signer: signer.fingerprint, trusted: signer.trusted, acceptedUnknownSigner: !signer.trusted, encrypted: opened.encrypted, objects: report.objects?.total ?? 0 },
        });
      },
    };
  };
  const summary = await importSources(db, [{ kind: 'bytes', name: report.file, bytes: opened.stix }], {
    format: 'stix',
    strict: true,
    sameFileAgain: 'new-sighting',
    actor: author.actor,
    sourceName: `bundle ${opened.manifest.bundle_id} from ${signer.organisation} (${signer.fingerprint})`,
    indexing,
    ...(options.now ? { now: options.now } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const result = summary.results[0]!;
  if (!result.committed) {
    const first = result.errors[0];
    throw new WorkbenchError('INVALID_INPUT', `Not imported: ${report.file}: bundle.json${first ? `: ${first.location}: ${first.reason}` : ''} (${result.rejected} record(s) rejected; nothing was written)`);
  }
  return { verification: report, result, custody };
}

function sameBundle(confirmed: NonNullable<BundleImportOptions['confirmed']>, report: BundleVerification): boolean {
  const hashes = (payload: BundleVerification['payload']) => payload.map((p) => `${p.name}:${p.size}:${p.sha256}`).join(' ');
  return confirmed.bundleId === report.bundleId && confirmed.signer?.fingerprint === report.signer?.fingerprint && hashes(confirmed.payload) === hashes(report.payload);
}

/** Bundles this vault imported, newest first, with their custody chains. */
export function listBundleImports(db: Database, limit = 100): BundleImportRow[] {
  const rows = db
    .prepare(
      `SELECT bundle_id AS bundleId, source_id AS sourceId, signer_fingerprint AS signerFingerprint, signer_name AS signerName,
              signer_trusted AS signerTrusted, imported_at AS importedAt, imported_by AS importedBy, custody_json AS custodyJson
         FROM bundle_imports ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<BundleImportRow, 'custody' | 'signerTrusted'> & { signerTrusted: number; custodyJson: string })[];
  return rows.map(({ custodyJson, signerTrusted, ...row }) => ({ ...row, signerTrusted: signerTrusted === 1, custody: JSON.parse(custodyJson) as CustodyEntry[] }));
}
