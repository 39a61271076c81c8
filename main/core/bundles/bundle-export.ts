import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../ingest/ingest-record';
import { stixBundle, stixIndicator, tlpMarkingDefinitions, type StixIndicatorType, type StixObject } from '../stix';
import type { TriageStatus } from '../triage/triage-model';
import { streamBundleFile } from './bundle-file-writer';
import type { ByteSink } from './age-payload-writer';
import { briefingObjects } from './briefing-objects';
import { appendCustody } from './custody';
import { custodyFromAudit } from './custody-from-audit';
import { normaliseFingerprint } from './fingerprint';
import { ensureIdentity, toPublic, type BundleAuthor, type VaultIdentity } from './identity';
import { selectIndicators } from './indicator-selection';
import { isAgeRecipient, stixIdentityObject } from './public-identity-file';
import { getTrustedKey } from './trust-store';
import type { BundleExportResult, BundleRecipient } from './bundle-model';

export type { BundleExportResult, BundleRecipient };

export const TOOL_NAME = 'Liaison Workbench 0.1.0';

/**
 * Where the file goes: an exact path (the CLI's --out; an existing file is never replaced), or a folder the
 * core names the file in (the app), so the renderer never names a file the host will hand out.
 */
export type BundleExportDestination = { out: string } | { folder: string };

export type BundleExportRequest = BundleExportDestination & BundleExportSelection;

export interface BundleExportSelection {
  /** `--where` query over the queue; absent = every indicator (false positives and expired excluded). */
  where?: string;
  tlpMax: TlpLevel;
  /** Briefings (by id) whose STIX export goes into the bundle, after the same TLP ceiling. */
  briefingIds?: readonly number[];
  /** Trusted-key fingerprints or raw `age1…` recipients. */
  recipients: readonly string[];
  /** An unsigned plain STIX 2.1 bundle (for MISP or OpenCTI) instead of a bundle file. */
  plain?: boolean;
}

/** Resolves `--recipient` values: a trusted key's fingerprint (any spelling) or a raw age recipient. */
export function resolveRecipients(db: Database, values: readonly string[], self: VaultIdentity | undefined): BundleRecipient[] {
  const out = new Map<string, BundleRecipient>();
  for (const value of values) {
    const trimmed = value.trim();
    if (isAgeRecipient(trimmed)) {
      out.set(trimmed, { ageRecipient: trimmed, fingerprint: null, name: null });
      continue;
    }
    const fingerprint = normaliseFingerprint(trimmed);
    if (!fingerprint) throw new WorkbenchError('INVALID_INPUT', `Recipient "${trimmed}" is neither a fingerprint (XXXX-XXXX-XXXX-XXXX-XXXX) nor an age1… key.`);
    if (self?.fingerprint === fingerprint) {
      out.set(self.ageRecipient, { ageRecipient: self.ageRecipient, fingerprint, name: 'this vault' });
      continue;
    }
    const trusted = getTrustedKey(db, fingerprint);
    if (!trusted) throw new WorkbenchError('INVALID_INPUT', `No trusted key has the fingerprint ${fingerprint}; add it with "liaison trust add" first.`);
    out.set(trusted.ageRecipient, { ageRecipient: trusted.ageRecipient, fingerprint, name: trusted.name });
  }
  return [...out.values()];
}

const INDICATOR_TYPES_BY_STATUS: Partial<Record<TriageStatus, StixIndicatorType>> = {
  malicious: 'malicious-activity',
  suspicious: 'anomalous-activity',
  benign: 'benign',
};

/**
 * Exports indicators as a bundle file (signed; encrypted when there are recipients) or as a plain STIX
 * bundle. The TLP ceiling is enforced here: nothing above `tlpMax` is written, and a TLP:RED ceiling
 * needs named recipients. The export is audited (`bundle.export`) after the file is complete.
 */
export async function exportBundle(db: Database, author: BundleAuthor, request: BundleExportRequest): Promise<BundleExportResult> {
  const plain = request.plain ?? false;
  if (plain && request.recipients.length > 0) throw new WorkbenchError('INVALID_INPUT', 'A plain STIX export is neither signed nor encrypted: leave out the recipients, or leave out --plain.');
  if (request.tlpMax === 'red' && (plain || request.recipients.length === 0)) {
    throw new WorkbenchError('INVALID_INPUT', 'A TLP:RED ceiling needs named recipients and encryption: add --recipient (and no --plain), or lower --tlp-max.');
  }
  if ('out' in request && fs.existsSync(request.out)) throw new WorkbenchError('INVALID_INPUT', `${request.out} already exists; choose another name.`);
  // A plain export is unsigned, but a briefing still names its producer: the identity exists either way.
  const identity = await ensureIdentity(db, author);
  const recipients = resolveRecipients(db, request.recipients, identity);
  const briefingIds = request.briefingIds ?? [];
  const briefings = briefingIds.length ? briefingObjects(db, briefingIds, request.tlpMax, identity) : undefined;
  // With briefings and no --where, the bundle is the briefings alone.
  const selection = briefings && !request.where ? { indicators: [], withheld: 0 } : selectIndicators(db, request.where, request.tlpMax);
  if (selection.indicators.length === 0 && !briefings?.objects.length) {
    throw new WorkbenchError('INVALID_INPUT', selection.withheld > 0 ? `Every matching indicator is marked above TLP:${request.tlpMax.toUpperCase()}; nothing to export.` : 'No indicator matches; nothing to export.');
  }
  const created = author.at.toISOString();
  const producer = plain ? undefined : stixIdentityObject(identity);
  const stixIds = new Map<number, string>();
  const objects: StixObject[] = producer ? [producer as StixObject] : [];
  const levels = new Set<TlpLevel>();
  for (const indicator of selection.indicators) {
    levels.add(indicator.tlp);
    const indicatorType = INDICATOR_TYPES_BY_STATUS[indicator.status];
    const object = stixIndicator({
      type: indicator.type,
      value: indicator.value,
      tlp: indicator.tlp,
      created: indicator.created,
      modified: indicator.modified,
      ...(indicator.validFrom ? { validFrom: indicator.validFrom } : {}),
      validUntil: indicator.validUntil,
      confidence: indicator.confidence,
      ...(indicatorType ? { indicatorTypes: [indicatorType] } : {}),
      labels: indicator.tags,
      ...(producer ? { createdByRef: producer.id as string } : {}),
    });
    stixIds.set(indicator.id, object.id);
    objects.push(object);
  }
  const seen = new Set(objects.map((o) => o.id));
  const fromBriefings = (briefings?.objects ?? []).filter((o) => !seen.has(o.id) && seen.add(o.id));
  for (const [id, stixId] of briefings?.indicators ?? []) stixIds.set(id, stixId);
  const markings = tlpMarkingDefinitions(levels).filter((m) => !seen.has(m.id));
  const bundle = stixBundle(`liaison-bundle\u0000${created}\u0000${randomUUID()}`, [...objects, ...fromBriefings, ...markings]);
  const stix = Buffer.from(JSON.stringify(bundle), 'utf8');
  const byType: Record<string, number> = {};
  for (const object of bundle.objects) byType[object.type] = (byType[object.type] ?? 0) + 1;

  let custodyEntries = 0;
  let write: (sink: ByteSink) => Promise<void> = async (sink) => sink(stix);
  if (!plain) {
    const history = [...custodyFromAudit(db, stixIds, identity), ...(briefings?.approvals ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const exported = { at: created, actor: author.actor, organisation: identity.organisation, fingerprint: identity.fingerprint, action: 'exported' as const, detail: `exported at TLP ceiling ${request.tlpMax.toUpperCase()} to ${recipients.length ? recipients.map((r) => r.name ?? r.ageRecipient).join(', ') : 'anyone (signed, not encrypted)'}`, objects: [bundle.id] };
    const custody = appendCustody([], [...history, exported]);
    custodyEntries = custody.length;
    write = async (sink) => {
      await streamBundleFile(
        {
          identity,
          stix,
          bundleId: bundle.id,
          objects: { total: bundle.objects.length, by_type: byType },
          custody,
          tlpMax: request.tlpMax,
          recipients: recipients.map((r) => r.ageRecipient),
          created: author.at,
          tool: TOOL_NAME,
        },
        sink,
      );
    };
  }
  const kind = plain ? 'plain' : recipients.length ? 'encrypted' : 'signed';
  const out = 'out' in request ? request.out : path.join(request.folder, bundleFileName(bundle.id, plain));
  const { bytes, sha256 } = await writeOutput(out, write);
  try {
    appendAudit(db, {
      at: author.at,
      actor: author.actor,
      action: 'bundle.export',
      target: `bundle:${bundle.id}`,
      after: { file: path.basename(out), kind, tlpMax: request.tlpMax, where: request.where ?? null, briefings: briefingIds, objects: bundle.objects.length, indicators: selection.indicators.length, withheld: selection.withheld, recipients: recipients.map((r) => r.fingerprint ?? r.ageRecipient), sha256 },
    });
  } catch (error) {
    // An export the log does not show must not exist.
    fs.rmSync(out, { force: true });
    throw error;
  }
  return {
    file: out,
    bundleId: bundle.id,
    kind,
    tlpMax: request.tlpMax,
    objects: { total: bundle.objects.length, byType },
    indicators: stixIds.size,
    withheld: selection.withheld + (briefings?.withheld ?? 0),
    recipients,
    custodyEntries,
    bytes,
    sha256,
    signer: plain ? null : toPublic(identity).fingerprint,
  };
}

/**
 * The name the core gives a bundle it writes into a folder: `bundle-<uuid>.liaison`, or `.stix.json` for a
 * plain bundle. Unique per export (the bundle id is), and within the names a host hands out (isExportFileName).
 */
export function bundleFileName(bundleId: string, plain: boolean): string {
  return `bundle-${bundleId.replace(/^bundle--/, '')}${plain ? '.stix.json' : '.liaison'}`;
}

/**
 * Streams the file beside the target and links it into place, so a reader never sees half a bundle and no
 * existing file is replaced; returns its size and SHA-256, taken from the bytes as they were written.
 */
async function writeOutput(out: string, write: (sink: ByteSink) => Promise<void>): Promise<{ bytes: number; sha256: string }> {
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${randomUUID()}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    const target = fd;
    await write((piece) => {
      hash.update(piece);
      bytes += piece.length;
      for (let at = 0; at < piece.length; ) at += fs.writeSync(target, piece, at, piece.length - at);
    });
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.linkSync(temp, out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only the file system's errors (EEXIST, ENOSPC…) are about writing; anything else passes unchanged.
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    throw new WorkbenchError('INVALID_INPUT', code === 'EEXIST' ? `${out} already exists; choose another name.` : `Cannot write ${out} (${code}).`, { cause: error });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
  }
  return { bytes, sha256: hash.digest('hex') };
}
