/**
 * Runs one briefing export: reads the version's snapshot, hands it to the exporters (which apply the TLP
 * ceiling), writes the file, and records the export log row with its audit entry in one transaction, so
 * what was withheld, and why, is on record for every file that left the vault.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { writeExportFile } from '../write-export-file';
import type { TlpLevel } from '../indicators/tlp-level';
import { tlpRank } from '../vault/queries/tlp-rank';
import { readBriefingForExport } from './briefing-export-input';
import type { BriefingExportFormat, BriefingExportOutcome, WithheldItem } from './briefing-model';
import { BriefingExportError, exportBriefing, type PdfPrinter } from './export';
import type { BriefingExportInput } from './export/export-input';

export interface ExportRequest {
  id: number;
  /** A saved version; the latest when omitted. */
  version?: number;
  format: BriefingExportFormat;
  /** The ceiling; the briefing's document TLP when omitted. */
  tlpMax?: TlpLevel;
  defang?: boolean;
  pdfPrinter?: PdfPrinter;
}

/** Where the file goes: an exact path (the CLI's --out) or a folder the core names the file in (the app). */
export type ExportDestination = { kind: 'path'; path: string } | { kind: 'folder'; folder: string };

/** Withheld items listed in the audit entry; the export log row keeps them all. */
const AUDITED_WITHHELD = 100;

export async function runBriefingExport(
  reader: Database,
  writer: () => Database,
  author: () => { actor: string; at: Date },
  request: ExportRequest,
  destination: ExportDestination,
): Promise<BriefingExportOutcome> {
  const { actor } = author();
  const input = readBriefingForExport(reader, request.id, request.version, actor);
  const tlpMax = request.tlpMax ?? input.tlp;
  const defang = request.defang ?? true;
  let result;
  try {
    result = await exportBriefing(input, { format: request.format, tlpMax, defang, ...(request.pdfPrinter ? { pdfPrinter: request.pdfPrinter } : {}) });
  } catch (error) {
    if (error instanceof BriefingExportError) throw new WorkbenchError('INVALID_INPUT', `${capitalise(error.message)}.`, { cause: error });
    throw error;
  }
  const withheld = labelWithheld(input, result.withheld);
  const file = destination.kind === 'path' ? path.resolve(destination.path) : freeName(destination.folder, input, request.format, result.extension);
  await writeExportFile(file, result.bytes);
  const outcome: Omit<BriefingExportOutcome, 'auditId'> = {
    format: request.format,
    version: input.version,
    fileName: path.basename(file),
    bytes: result.bytes.byteLength,
    marking: result.marking,
    tlpMax,
    defanged: defang,
    withheld,
    notes: [...result.notes],
  };
  try {
    const sha256 = createHash('sha256').update(result.bytes).digest('hex');
    return { ...outcome, auditId: recordExport(writer(), { ...author(), actor }, request.id, outcome, sha256) };
  } catch (error) {
    // An export that could not be logged must not stay on disk looking like one that was.
    await rm(file, { force: true });
    throw error;
  }
}

/** The export log row and its audit entry, in one transaction; returns the audit entry's id. */
function recordExport(db: Database, author: { actor: string; at: Date }, id: number, outcome: Omit<BriefingExportOutcome, 'auditId'>, sha256: string): number {
  const { withheld, notes, ...facts } = outcome;
  return db
    .transaction(() => {
      const auditId = appendAudit(db, {
        at: author.at,
        actor: author.actor,
        action: 'briefing.export',
        target: `briefing:${id}`,
        after: { ...facts, sha256, withheldCount: withheld.length, withheld: withheld.slice(0, AUDITED_WITHHELD), notes },
      });
      db.prepare(
        `INSERT INTO briefing_exports (briefing_id, version, format, tlp_max_rank, marking_rank, defanged, file_name, bytes, sha256, withheld_json, notes_json, audit_id,
                                       exported_at, exported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        outcome.version,
        outcome.format,
        tlpRank(outcome.tlpMax),
        tlpRank(outcome.marking),
        outcome.defanged ? 1 : 0,
        outcome.fileName,
        outcome.bytes,
        sha256,
        JSON.stringify(withheld),
        JSON.stringify(notes),
        auditId,
        author.at.toISOString(),
        author.actor,
      );
      return auditId;
    })
    .immediate();
}

/** Adds what the analyst recognises (a section's heading, an indicator's type:value) to each withheld item. */
function labelWithheld(input: BriefingExportInput, items: readonly { kind: 'section' | 'indicator'; id: string; tlp: TlpLevel; reason: string }[]): WithheldItem[] {
  const sections = new Map(input.sections.map((s) => [s.id, s.heading || '(untitled section)']));
  const indicators = new Map(input.indicators.map((i) => [i.id, `${i.type}:${i.value}`]));
  return items.map((item) => ({
    kind: item.kind,
    id: item.id,
    label: (item.kind === 'section' ? sections.get(item.id) : indicators.get(item.id)) ?? item.id,
    tlp: item.tlp,
    reason: item.reason,
  }));
}


/** `apt-x-phishing-wave-v3.html` (`.stix.json`, `.misp.json`), with `-2`, `-3` ... when that name is taken. */
function freeName(folder: string, input: BriefingExportInput, format: BriefingExportFormat, extension: string): string {
  const slug = input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'briefing';
  const suffix = format === 'stix' || format === 'misp' ? `${format}.${extension}` : extension;
  for (let n = 1; ; n += 1) {
    const name = `${slug}-v${input.version}${n === 1 ? '' : `-${n}`}.${suffix}`;
    if (!existsSync(path.join(folder, name))) return path.join(folder, name);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
