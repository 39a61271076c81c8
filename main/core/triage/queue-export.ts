/**
 * The filtered queue as CSV, STIX 2.1 or a plain list (issue #17.8), under a TLP ceiling as briefing
 * exports are: an indicator marked above the ceiling is withheld and counted, never written. STIX
 * objects come from the shared writer (main/core/stix), so a queue export and a briefing export give an
 * indicator the same id and pattern.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { defang, isIndicatorType } from '../indicators';
import type { TlpLevel } from '../ingest/ingest-record';
import { stixBundle, stixIndicator, tlpMarkingDefinitions, type StixIndicatorType } from '../stix';
import { tlpRank } from '../vault/queries/tlp-rank';
import type { QueueFilter, QueueRow } from './queue-query';
import { QUEUE_EXPORT_FORMATS, type QueueExportFormat } from './queue-export-model';
import { readQueuePage } from './queue-reads';

export { QUEUE_EXPORT_FORMATS, type QueueExportFormat };

/** Largest export: a bigger selection is refused with a message, not truncated silently. */
export const MAX_QUEUE_EXPORT = 200_000;
const PAGE = 1000;

export interface QueueExportOptions {
  format: QueueExportFormat;
  /** The highest TLP the export may contain. */
  tlpMax: TlpLevel;
  /** Values written defanged (CSV and plain list; a STIX pattern is always the real value). */
  defang: boolean;
  now: Date;
}

export interface QueueExport {
  text: string;
  /** Indicators written. */
  count: number;
  /** Indicators of the filter marked above the ceiling, left out. */
  withheld: number;
  /** The highest marking among what was written (the export's own marking); null when empty. */
  marking: TlpLevel | null;
}

export const QUEUE_CSV_COLUMNS = ['type', 'value', 'tlp', 'status', 'confidence', 'first_seen', 'last_seen', 'sightings', 'tags'] as const;

/** Exports every indicator `filter` selects, in id order, at or below `tlpMax`. */
export function exportQueue(db: Database, filter: QueueFilter, options: QueueExportOptions): QueueExport {
  const rows: QueueRow[] = [];
  let withheld = 0;
  let cursor: string | undefined;
  const ceiling = tlpRank(options.tlpMax);
  for (;;) {
    const page = readQueuePage(db, { filter, sort: { key: 'id', direction: 'asc' }, limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const row of page.rows) {
      if (tlpRank(row.tlp) > ceiling) withheld += 1;
      else rows.push(row);
    }
    if (rows.length > MAX_QUEUE_EXPORT) throw new WorkbenchError('INVALID_INPUT', `The filter selects more than ${MAX_QUEUE_EXPORT} indicators; narrow it to export.`);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const marking = rows.reduce<TlpLevel | null>((high, row) => (high === null || tlpRank(row.tlp) > tlpRank(high) ? row.tlp : high), null);
  const text = options.format === 'csv' ? toCsv(rows, options.defang) : options.format === 'txt' ? toList(rows, options.defang) : toStix(rows, filter, options);
  return { text, count: rows.length, withheld, marking };
}

function shown(row: QueueRow, defanged: boolean): string {
  return defanged && isIndicatorType(row.type) ? defang(row.type, row.value) : row.value;
}

function toCsv(rows: readonly QueueRow[], defanged: boolean): string {
  const lines = [QUEUE_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const cells = [row.type, shown(row, defanged), row.tlp, row.status, row.confidence === null ? '' : String(row.confidence), row.firstSeen ?? '', row.lastSeen ?? '', String(row.sightings), row.tags.join(';')];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// =, +, -, @ (and a tab or CR before them) start a formula in spreadsheets (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toList(rows: readonly QueueRow[], defanged: boolean): string {
  return rows.map((row) => `${shown(row, defanged)}\n`).join('');
}

/** Triage verdicts as STIX indicator types (§10.9). */
const INDICATOR_TYPES_BY_STATUS: Partial<Record<QueueRow['status'], StixIndicatorType>> = {
  malicious: 'malicious-activity',
  suspicious: 'anomalous-activity',
  benign: 'benign',
};

function toStix(rows: readonly QueueRow[], filter: QueueFilter, options: QueueExportOptions): string {
  const now = options.now.toISOString();
  const indicators = rows.flatMap((row) => {
    if (!isIndicatorType(row.type)) return [];
    const verdict = INDICATOR_TYPES_BY_STATUS[row.status];
    return [
      stixIndicator({
        type: row.type,
        value: row.value,
        tlp: row.tlp,
        created: row.firstSeen ?? now,
        modified: now,
        validUntil: row.validUntil,
        confidence: row.confidence,
        indicatorTypes: verdict ? [verdict] : [],
        labels: row.tags,
      }),
    ];
  });
  const markings = tlpMarkingDefinitions(new Set(rows.map((row) => row.tlp)));
  const key = `queue\u0000${JSON.stringify(filter)}\u0000${options.tlpMax}\u0000${now}`;
  return `${JSON.stringify(stixBundle(key, [...markings, ...indicators]), null, 2)}\n`;
}
