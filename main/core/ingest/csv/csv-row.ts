/** One parsed CSV row to ingest items, following a CsvLayout. */
import { detectType } from '../../indicators/detect-type';
import { typeFromSourceName } from '../../indicators/source-type-name';
import type { IndicatorContext, IngestItem, IngestRecord, TlpLevel } from '../ingest-record';
import type { CsvLayout, ValueColumn } from './csv-columns';
import { portContext, splitHostPort } from './host-port';

const TLP_WORDS: Readonly<Record<string, TlpLevel>> = {
  clear: 'clear', white: 'clear', green: 'green', amber: 'amber', 'amber+strict': 'amber+strict', red: 'red',
};
const TAG_SPLIT_RE = /[,;|]/;
/** What feeds write in a cell that has nothing to say (MalwareBazaar: "n/a"). */
const NO_VALUE: ReadonlySet<string> = new Set(['n/a', 'na', 'none', 'null', 'unknown', '-']);
/** Type cells of rows that describe the list rather than list an indicator (Sophos: `Description,<link>,…`). */
const ABOUT_THE_LIST: ReadonlySet<string> = new Set(['description', 'comment', 'note', 'notes', 'reference', 'references', 'title', 'summary', 'source', 'author']);

/** TLP from a cell ('TLP:AMBER', 'amber', 'TLP:WHITE' → clear), or undefined. */
export function parseTlp(cell: string): TlpLevel | undefined {
  const v = cell.trim().toLowerCase().replace(/^tlp\s*[:_ -]?\s*/, '');
  return TLP_WORDS[v];
}

/** ISO 8601 from a date cell (ISO, 'YYYY-MM-DD HH:MM:SS' read as UTC, epoch seconds/ms), or undefined. */
export function parseDate(cell: string): string | undefined {
  const v = cell.trim();
  if (v === '') return undefined;
  let ms: number;
  if (/^\d{9,13}$/.test(v)) ms = v.length > 10 ? Number(v) : Number(v) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(v)) ms = Date.parse(`${v.replace(' ', 'T')}${v.length > 10 ? 'Z' : 'T00:00:00Z'}`);
  else ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function cell(row: string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const v = row[index]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** Optional fields shared by every record of the row. */
function rowExtras(row: string[], layout: CsvLayout): Partial<IngestRecord> {
  const f = layout.fields;
  const extras: Partial<IngestRecord> = {};
  const tlp = cell(row, f.tlp);
  if (tlp !== undefined) {
    const level = parseTlp(tlp);
    if (level !== undefined) extras.tlp = level;
  }
  const first = cell(row, f.firstSeen);
  const firstSeen = first === undefined ? undefined : parseDate(first);
  if (firstSeen !== undefined) extras.firstSeen = firstSeen;
  const last = cell(row, f.lastSeen);
  const lastSeen = last === undefined ? undefined : parseDate(last);
  if (lastSeen !== undefined) extras.lastSeen = lastSeen;
  const tags = cell(row, f.tags);
  if (tags !== undefined) extras.tags = tags.split(TAG_SPLIT_RE).map((t) => t.trim()).filter((t) => t !== '' && !NO_VALUE.has(t.toLowerCase()));
  const comment = cell(row, f.comment);
  if (comment !== undefined) extras.comment = comment;
  const malware = cell(row, f.malware);
  const context: IndicatorContext[] = [];
  if (malware !== undefined && !NO_VALUE.has(malware.toLowerCase())) context.push({ kind: 'malware', name: malware });
  const toIds = cell(row, f.toIds)?.toLowerCase();
  if (toIds === '0' || toIds === 'false') context.push({ kind: 'other', name: 'not for detection', detail: 'to_ids is false' });
  if (context.length > 0) extras.context = context;
  const confidence = cell(row, f.confidence);
  if (confidence !== undefined) {
    const n = Number(confidence);
    if (Number.isFinite(n) && n >= 0 && n <= 100) extras.confidence = n;
  }
  return extras;
}

/** Records for each non-empty value column of a row; rows shorter than the header are rejected by the caller. */
export function rowToItems(row: string[], line: number, layout: CsvLayout): IngestItem[] {
  const items: IngestItem[] = [];
  const typeCell = cell(row, layout.fields.type);
  if (typeCell !== undefined && ABOUT_THE_LIST.has(typeCell.toLowerCase())) {
    return [{ kind: 'note', note: { location: `line ${line}`, message: `a "${typeCell}" row describes the list; not read as an indicator` } }];
  }
  let extras: Partial<IngestRecord> | undefined;
  for (const col of layout.values) {
    const cellValue = cell(row, col.index);
    if (cellValue === undefined) continue;
    if (isPlaceholder(cellValue)) {
      items.push({ kind: 'note', note: { location: `line ${line}`, message: `"${cellValue}" in column "${col.name}" stands for a missing value; not imported` } });
      continue;
    }
    extras ??= rowExtras(row, layout);
    for (const raw of cellValues(cellValue)) items.push(valueItem(raw, col, typeCell, layout.hasHeader ? `line ${line}, column "${col.name}"` : `line ${line}`, extras));
  }
  return items;
}

/** `Unknown`, `n/a`, `[CORRUPT]`, `(redacted)`: what a table writes where it has no value. */
function isPlaceholder(value: string): boolean {
  return NO_VALUE.has(value.toLowerCase()) || /^(?:\[[A-Za-z ]+\]|\([A-Za-z ]+\))$/.test(value);
}

const LIST_SEPARATOR_RE = /[\s,;|]+/;

/**
 * The values of one cell: itself, the value after a label, or each of a list of indicators it holds
 * (Volexity's "file" rows give `"<sha1>,<sha256>,<md5>"`). A cell is taken apart only when it is no
 * indicator whole and what comes out is.
 */
function cellValues(raw: string): string[] {
  if (!LIST_SEPARATOR_RE.test(raw) || detectType(raw) !== null) return [raw];
  // `Thumbprint: 4D36C532…` (WithSecure): a label, then the value.
  const labelled = LABELLED_RE.exec(raw);
  if (labelled !== null && detectType(labelled[1]!) !== null) return [labelled[1]!];
  const parts = raw.split(LIST_SEPARATOR_RE).filter((p) => p !== '');
  return parts.length > 1 && parts.every((p) => detectType(p) !== null) ? parts : [raw];
}

const LABELLED_RE = /^[A-Za-z][A-Za-z0-9 _-]{0,24}:\s+(\S+)$/;

/** An `IP:PORT` or `host:port` cell: the host is the value, the port its context (see host-port.ts). */
function withPortApart(cellValue: string, extras: Partial<IngestRecord>): { raw: string; extras: Partial<IngestRecord> } {
  const split = detectType(cellValue) === null ? splitHostPort(cellValue) : undefined;
  if (!split) return { raw: cellValue, extras };
  return { raw: split.host, extras: { ...extras, context: [...(extras.context ?? []), portContext(split.port)] } };
}

function valueItem(cellValue: string, col: ValueColumn, typeCell: string | undefined, location: string, rowExtras: Partial<IngestRecord>): IngestItem {
  const { raw, extras } = withPortApart(cellValue, rowExtras);
  let type = col.type;
  let value = raw;
  let typeHint = col.typeHint;
  if (type === null && typeCell !== undefined) {
    ({ type, value } = typeFromSourceName(typeCell, raw));
    typeHint = typeCell;
    // A row the list itself types as something we do not import (MISP exports: yara, text, port…)
    // and whose value is no indicator either is skipped and told, not a malformed record.
    if (type === null && detectType(raw) === null) {
      return { kind: 'note', note: { location, message: `a "${typeCell}" row is not an indicator type; not imported` } };
    }
  } else if (col.typeHint !== undefined) {
    // The header's type name, read with the value (a "Domain" column holding an address, an "IP"
    // column with a port); the type the header implied when the name alone does not resolve.
    const resolved = typeFromSourceName(col.typeHint, raw);
    if (resolved.type !== null || type === null) ({ type, value } = resolved);
  }
  const record: IngestRecord = { type, value, location, ...extras };
  if (typeHint !== undefined) record.typeHint = typeHint;
  return { kind: 'record', record };
}
