/**
 * What the bundles capability reports, as plain types with no dependencies, so the IPC contract (and through
 * it the renderer) imports them with `import type` instead of keeping a copy that drifts.
 */
import type { TlpLevel } from '../indicators/tlp-level';

export const CUSTODY_ACTIONS = ['imported', 'triaged', 'approved', 'exported', 'received'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export interface CustodyEntryInput {
  at: string;
  actor: string;
  organisation: string;
  /** Fingerprint of the vault identity that recorded it. */
  fingerprint: string;
  action: CustodyAction;
  /** One line: what happened (e.g. the import's source name, the fields triage changed). */
  detail: string;
  /** STIX ids the entry is about; the bundle's own id for entries about the whole bundle. */
  objects: string[];
}

export interface CustodyEntry extends CustodyEntryInput {
  seq: number;
  prev: string;
  hash: string;
}

/** Why a bundle was refused; every kind means nothing was imported. */
export type BundleProblem =
  | 'not-a-bundle'
  | 'wrong-recipient'
  | 'damaged'
  | 'truncated'
  | 'parts'
  | 'format-version'
  | 'bad-signature'
  | 'hash-mismatch'
  | 'limits'
  | 'tlp'
  | 'custody'
  | 'content';

export interface BundleSignerReport {
  fingerprint: string;
  analyst: string;
  organisation: string;
  /** True for a key in the trust store, or this vault's own key. */
  trusted: boolean;
  /** The trust store's name for it ("this vault" for our own key), or null when unknown. */
  trustedAs: string | null;
}

/** What `bundle verify` reports, and what the verify screen shows before anything is written. */
export interface BundleVerification {
  ok: boolean;
  file: string;
  /** Why it was refused (null when ok); the message names the part and place. */
  problem: BundleProblem | null;
  problems: string[];
  encrypted: boolean | null;
  bundleId: string | null;
  format: string | null;
  created: string | null;
  tool: string | null;
  tlpMax: TlpLevel | null;
  encryptedTo: string[];
  signer: BundleSignerReport | null;
  objects: { total: number; byType: Record<string, number> } | null;
  payload: { name: string; size: number; sha256: string }[];
  custody: { verified: boolean; head: string | null; entries: CustodyEntry[] } | null;
  /** Times this vault imported this bundle before. */
  importedBefore: number;
}

export interface BundleRecipient {
  ageRecipient: string;
  fingerprint: string | null;
  name: string | null;
}

export interface BundleExportResult {
  /** The file written; through the app, its name in the session's export folder (handed out with `files.saveExport`). */
  file: string;
  bundleId: string;
  kind: 'signed' | 'encrypted' | 'plain';
  tlpMax: TlpLevel;
  objects: { total: number; byType: Record<string, number> };
  indicators: number;
  /** Indicators the query matched that are marked above the ceiling (left out). */
  withheld: number;
  recipients: BundleRecipient[];
  custodyEntries: number;
  bytes: number;
  sha256: string;
  signer: string | null;
}

export interface BundleImportRow {
  bundleId: string;
  sourceId: number;
  signerFingerprint: string;
  signerName: string;
  signerTrusted: boolean;
  importedAt: string;
  importedBy: string;
  custody: CustodyEntry[];
}

export interface BundleImportOutcome {
  bundleId: string;
  records: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  custody: CustodyEntry[];
}
