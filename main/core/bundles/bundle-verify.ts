import type { Database } from 'better-sqlite3-multiple-ciphers';
import { readBundleFile, type BundleSource, type OpenedBundle } from './bundle-file-reader';
import type { BundleLimits } from './bundle-limits';
import { BundleRejected } from './bundle-rejection';
import { verifyCustody } from './custody';
import { getIdentity } from './identity';
import { findTrustedBySigningKey } from './trust-store';
import type { BundleSignerReport, BundleVerification } from './bundle-model';

export type { BundleSignerReport, BundleVerification };

export interface VerifyOptions {
  limits?: Partial<BundleLimits>;
}

/** Opens and checks a bundle against this vault (its identity decrypts, its trust store names the signer). */
export async function verifyBundle(db: Database, source: BundleSource, options: VerifyOptions = {}): Promise<{ report: BundleVerification; opened?: OpenedBundle }> {
  const identity = getIdentity(db);
  try {
    const opened = await readBundleFile(source, { ageIdentities: identity ? [identity.ageIdentity] : [], keepStix: true, ...(options.limits ? { limits: options.limits } : {}) });
    return { report: reportFor(db, opened), opened };
  } catch (error) {
    if (!(error instanceof BundleRejected)) throw error;
    return {
      report: {
        ok: false, file: error.file, problem: error.problem, problems: [error.message], encrypted: null, bundleId: null, format: null, created: null, tool: null,
        tlpMax: null, encryptedTo: [], signer: null, objects: null, payload: [], custody: null, importedBefore: 0,
      },
    };
  }
}

function reportFor(db: Database, opened: OpenedBundle): BundleVerification {
  const { manifest, signer } = opened;
  const own = getIdentity(db);
  const trusted = own?.fingerprint === signer.fingerprint ? { name: 'this vault' } : findTrustedBySigningKey(db, signer.minisignPublicKey);
  // A trusted signing key with another age key would have another fingerprint: trust is per fingerprint.
  const trustedMatches = trusted && ('fingerprint' in trusted ? trusted.fingerprint === signer.fingerprint : true);
  const custody = verifyCustody(opened.custody);
  const importedBefore = (db.prepare('SELECT count(*) FROM bundle_imports WHERE bundle_id = ?').pluck().get(manifest.bundle_id) as number) ?? 0;
  return {
    ok: true,
    file: opened.file,
    problem: null,
    problems: [],
    encrypted: opened.encrypted,
    bundleId: manifest.bundle_id,
    format: manifest.format,
    created: manifest.created,
    tool: manifest.tool,
    tlpMax: manifest.tlp_max,
    encryptedTo: manifest.encrypted_to,
    signer: {
      fingerprint: signer.fingerprint,
      analyst: signer.analyst,
      organisation: signer.organisation,
      trusted: Boolean(trustedMatches),
      trustedAs: trustedMatches ? trusted!.name : null,
    },
    objects: { total: manifest.objects.total, byType: manifest.objects.by_type },
    payload: manifest.payload.map((p) => ({ ...p })),
    custody: { verified: custody.ok, head: custody.ok ? custody.head : null, entries: opened.custody },
    importedBefore,
  };
}
