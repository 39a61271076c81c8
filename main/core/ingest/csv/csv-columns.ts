/**
 * Which CSV columns hold what: from an explicit mapping (CLI `--map value=col,type=col`), from
 * header names, or by sniffing which column's cells look like indicators.
 */
import { detectType } from '../../indicators/detect-type';
import type { IndicatorType } from '../../indicators/indicator-type';
import { isKnownTypeName, typeFromSourceName } from '../../indicators/source-type-name';

export type CsvField = 'value' | 'type' | 'tlp' | 'firstSeen' | 'lastSeen' | 'tags' | 'comment' | 'confidence' | 'malware' | 'toIds';

/** Explicit mapping from record fields to column names (or 1-based `#N` positions). */
export type CsvColumnMap = Partial<Record<CsvField, string>>;

export interface ValueColumn {
  index: number;
  name: string;
  /** Type implied by the header ('md5', 'dst_ip'); null = take it from the type column or detect. */
  type: IndicatorType | null;
  typeHint?: string;
}

export interface CsvLayout {
  hasHeader: boolean;
  names: string[];
  values: ValueColumn[];
  fields: Partial<Record<Exclude<CsvField, 'value'>, number>>;
}

const GENERIC_VALUE = ['value', 'indicator', 'ioc', 'ioc_value', 'indicator_value', 'observable', 'observable_value', 'artifact', 'data', 'iocs', 'indicators'];
const FIELD_NAMES: Record<Exclude<CsvField, 'value'>, string[]> = {
  type: ['type', 'kind', 'ioc_type', 'indicator_type', 'attribute_type', 'observable_type', 'value_type', 'data_type', 'entity_type'],
  tlp: ['tlp', 'tlp_level', 'marking', 'tlp_marking'],
  firstSeen: ['first_seen', 'firstseen', 'first_seen_utc', 'dateadded', 'date_added', 'submission_time', 'listingdate', 'created', 'date', 'timestamp'],
  lastSeen: ['last_seen', 'lastseen', 'last_seen_utc', 'last_online'],
  tags: ['tags', 'tag', 'labels', 'label'],
  // SSLBL's ListingReason ("AsyncRAT C&C") says why the value is listed.
  comment: ['comment', 'comments', 'description', 'notes', 'note', 'listingreason', 'reason'],
  confidence: ['confidence', 'score', 'confidence_score', 'confidence_level'],
  // The malware family (ThreatFox malware_printable, MalwareBazaar signature), kept as malware context.
  malware: ['malware', 'malware_family', 'malware_name', 'malware_printable', 'family', 'signature'],
  // MISP's CSV export: whether the producer meant the value for detection.
  toIds: ['to_ids', 'for_ids'],
};
// Typed columns that are weak evidence on their own: used only when no other value column exists.
const FALLBACK_TYPES: ReadonlySet<IndicatorType> = new Set(['filename', 'user-agent', 'mutex']);

/** Normalise a header cell: lower-case, trimmed, spaces, dashes and dots to '_'. */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s.-]+/g, '_');
}

// Headers naming a family ('ip' = v4/v6/cidr, 'hash' = by length): the type is resolved per value.
const FAMILY_HEADERS: ReadonlySet<string> = new Set(['ip', 'ip_address', 'ipaddress', 'dst_ip', 'src_ip', 'ip_dst', 'ip_src', 'hash', 'host', 'file_hash', 'filehash']);

/** Type named by a header: null = resolve per value, undefined = not a value column. */
function headerType(norm: string): IndicatorType | null | undefined {
  if (GENERIC_VALUE.includes(norm) || FAMILY_HEADERS.has(norm)) return null;
  for (const name of [norm, norm.replace(/_/g, '-')]) if (isKnownTypeName(name)) return typeFromSourceName(name, '').type;
  return headerTypeByWords(norm);
}

/** Words of a header that make its column a reference (PhishTank's phish_detail_url), not indicators. */
const REFERENCE_WORDS: ReadonlySet<string> = new Set(['detail', 'details', 'reference', 'references', 'source', 'report', 'info', 'more', 'article', 'blog', 'analysis', 'sandbox', 'virustotal', 'vt', 'link', 'whois', 'screenshot']);
/** Last words that name an indicator type in a longer header (Download URL, C2 Domain, Dropped Filename). */
const TYPE_WORDS: ReadonlySet<string> = new Set(['url', 'uri', 'domain', 'hostname', 'ip', 'ipv4', 'ipv6', 'md5', 'sha1', 'sha256', 'sha512', 'hash', 'email', 'filename']);
/** Headers that name a command-and-control endpoint, whatever its type (an address, a name, a URL). */
const C2_WORDS: ReadonlySet<string> = new Set(['c2', 'c&c', 'cnc', 'c2s']);
const C2_NOUNS: ReadonlySet<string> = new Set(['server', 'servers', 'domain', 'domains', 'host', 'hosts', 'address', 'addresses', 'endpoint', 'endpoints', 'infrastructure']);

/**
 * Reports' IOC tables head columns in words: "C2 Server", "Download URL", "Cert thumbprint". A header
 * whose last word is a type, which names a C2, or a certificate thumbprint (its SHA-1), is a value
 * column; one that says it holds references is not.
 */
function headerTypeByWords(norm: string): IndicatorType | null | undefined {
  const words = norm.split('_').filter((w) => w !== '');
  if (C2_WORDS.has(words[0] ?? '') && (words.length === 1 || (words.length === 2 && C2_NOUNS.has(words[1]!)))) return null;
  if (words.length < 2 || words.some((w) => REFERENCE_WORDS.has(w))) return undefined;
  const last = words.at(-1)!;
  if (last === 'thumbprint' || last === 'fingerprint') return null;
  if (!TYPE_WORDS.has(last)) return undefined;
  return typeFromSourceName(last, '').type;
}

/** True when a row looks like a header: no cell is an indicator and at least one cell is a known column name. */
export function looksLikeHeader(row: string[]): boolean {
  if (row.some((c) => detectType(c) !== null)) return false;
  return row.some((c) => {
    const n = normalizeHeader(c);
    return headerType(n) !== undefined || Object.values(FIELD_NAMES).some((names) => names.includes(n));
  });
}

/** Resolve a mapping target (name or `#N`) to a column index. */
function resolveColumn(names: string[], target: string): number {
  if (/^#\d+$/.test(target)) return Number(target.slice(1)) - 1;
  // A header on a comment line (`#ip,ioc`) is read without its '#'; the name may be given with it.
  const n = normalizeHeader(target).replace(/^#/, '');
  return names.findIndex((h) => normalizeHeader(h) === n);
}

/** Build the layout from an explicit mapping; throws a plain Error naming the missing column. */
export function layoutFromMap(names: string[], hasHeader: boolean, map: CsvColumnMap): CsvLayout {
  const fields: CsvLayout['fields'] = {};
  const values: ValueColumn[] = [];
  for (const [field, target] of Object.entries(map) as [CsvField, string][]) {
    const index = resolveColumn(names, target);
    if (index < 0) throw new Error(`mapped column "${target}" (${field}) not found in header`);
    if (field === 'value') values.push({ index, name: names[index] ?? target, type: null });
    else fields[field] = index;
  }
  if (values.length === 0) throw new Error('the mapping has no value column');
  return { hasHeader, names, values, fields };
}

/** Build the layout from header names, falling back to content sniffing for the value column. */
export function layoutFromHeader(names: string[], sample: string[][]): CsvLayout {
  const fields: CsvLayout['fields'] = {};
  const generic: ValueColumn[] = [];
  const typed: ValueColumn[] = [];
  names.forEach((raw, index) => {
    const n = normalizeHeader(raw);
    for (const [field, list] of Object.entries(FIELD_NAMES) as [Exclude<CsvField, 'value'>, string[]][]) {
      if (list.includes(n) && fields[field] === undefined) {
        fields[field] = index;
        return;
      }
    }
    const t = headerType(n);
    if (t === undefined) return;
    const col: ValueColumn = { index, name: raw.trim(), type: t, typeHint: raw.trim() };
    if (t === null && GENERIC_VALUE.includes(n)) generic.push(col);
    else typed.push(col);
  });
  let values = generic.length > 0 ? [chooseGeneric(generic, sample, fields)] : typed.filter((c) => c.type === null || !FALLBACK_TYPES.has(c.type));
  if (values.length === 0) values = typed;
  // Headers can name the wrong column (`Address,url` over hosts and " IOC FOUND"; `#ip,ioc` over
  // addresses and descriptions): when the columns the header chose hold no indicator in the sample and
  // another column mostly does, the content decides.
  if (values.length === 0 || (sample.length > 0 && values.every((col) => !holdsIndicators(col, sample)))) {
    const named = new Set(Object.values(fields));
    const sniffed = sniffValueColumn(sample, names.length, named);
    if (sniffed >= 0) values = [{ index: sniffed, name: names[sniffed]?.trim() ?? `#${sniffed + 1}`, type: null }];
  }
  return { hasHeader: true, names, values, fields };
}

/** True when a sampled cell of the column looks like an indicator, or when its type is not one detectType finds. */
function holdsIndicators(col: ValueColumn, sample: string[][]): boolean {
  if (col.type !== null && FALLBACK_TYPES.has(col.type)) return true;
  return sample.some((row) => row[col.index] !== undefined && detectType(row[col.index]!) !== null);
}

/**
 * Generic header words are used both ways round: Sophos heads its type column "Indicator" and its
 * values "Data". Of several generic columns, the value column is the one whose sampled cells most often
 * look like indicators; one whose cells are mostly type names ("SHA256", "URL") becomes the type column
 * when no header named one.
 */
function chooseGeneric(generic: ValueColumn[], sample: string[][], fields: CsvLayout['fields']): ValueColumn {
  if (generic.length === 1) return generic[0]!;
  const hits = (col: ValueColumn, test: (cell: string) => boolean): number =>
    sample.filter((row) => row[col.index] !== undefined && test(row[col.index]!)).length;
  let best = generic[0]!;
  let bestHits = -1;
  for (const col of generic) {
    const n = hits(col, (c) => detectType(c) !== null);
    if (n > bestHits) [best, bestHits] = [col, n];
  }
  if (fields.type === undefined) {
    const typeColumn = generic.find((col) => col !== best && hits(col, (c) => isKnownTypeName(normalizeHeader(c)) || isKnownTypeName(c)) * 2 >= sample.length);
    if (typeColumn !== undefined) fields.type = typeColumn.index;
  }
  return best;
}

/** Layout for a file without header: the column whose cells most often look like indicators. */
export function layoutWithoutHeader(sample: string[][], width: number): CsvLayout {
  const names = Array.from({ length: width }, (_, i) => `#${i + 1}`);
  const index = width === 1 ? 0 : sniffValueColumn(sample, width);
  return { hasHeader: false, names, values: index < 0 ? [] : [{ index, name: names[index] as string, type: null }], fields: {} };
}

/** Index of the column where most sampled cells have a detectable type (at least half), else -1. */
export function sniffValueColumn(sample: string[][], width: number, exclude: ReadonlySet<number> = new Set()): number {
  let best = -1;
  let bestHits = 0;
  for (let i = 0; i < width; i++) {
    if (exclude.has(i)) continue;
    const hits = sample.filter((row) => row[i] !== undefined && detectType(row[i] as string) !== null).length;
    if (hits > bestHits) {
      best = i;
      bestHits = hits;
    }
  }
  return bestHits * 2 >= sample.length && bestHits > 0 ? best : -1;
}
