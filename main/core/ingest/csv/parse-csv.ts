/**
 * CSV/TSV indicator feeds. Parsing is delegated to csv-parse (streaming, RFC 4180 quoting, maintained
 * and dependency-free): hand-rolled CSV splitting is where quoted commas and embedded newlines break.
 * We only decide the layout (delimiter, header, columns) from the first rows, then stream the rest.
 * Ragged rows are rejected one by one; an unterminated quote at end of file is fatal.
 */
import { CsvError, parse, type Options } from 'csv-parse';
import { Readable } from 'node:stream';
import { decodeText, detectDelimiter } from '../decode';
import { IngestError, type IngestItem, type IngestNote, type Parser, type ParserContext, type ParserInput } from '../ingest-record';
import { normalizeHeader, layoutFromHeader, layoutFromMap, layoutWithoutHeader, looksLikeHeader, type CsvColumnMap, type CsvLayout } from './csv-columns';
import { rowToItems } from './csv-row';

export interface CsvOptions {
  /** Explicit column mapping; header names or `#N` (1-based). */
  map?: CsvColumnMap;
  /** Force a delimiter instead of detecting it. */
  delimiter?: string;
  /** Force header presence instead of detecting it. */
  header?: boolean;
}

const HEAD_LINES = 21;
const HEAD_BYTES = 65536;
const SAMPLE_ROWS = 20;
/** A CSV record (all its fields) longer than this is refused; see max_record_size below. */
const MAX_RECORD_CHARS = 1 << 20;

interface Row {
  cells: string[];
  line: number;
}

/** Build a CSV parser with options (mapping, delimiter, header). */
export function createCsvParser(options: CsvOptions = {}): Parser {
  return (input, ctx) => parseCsvItems(input, ctx, options);
}

/** CSV parser with everything detected. */
export const parseCsv: Parser = createCsvParser();

async function* parseCsvItems(input: ParserInput, ctx: ParserContext, options: CsvOptions): AsyncGenerator<IngestItem> {
  const notes: IngestNote[] = [];
  const decoded = decodeText(input, ctx.fileName, notes)[Symbol.asyncIterator]();
  let head = '';
  let bytesRead = 0;
  let ended = false;
  while (!ended && countNewlines(head, HEAD_LINES) < HEAD_LINES && head.length < HEAD_BYTES) {
    const next = await decoded.next();
    if (next.done === true) ended = true;
    else {
      head += next.value.text;
      bytesRead = next.value.bytesRead;
    }
  }
  for (const note of notes.splice(0)) yield { kind: 'note', note };
  const headLines = head.split(/\r?\n/);
  if (!ended) headLines.pop(); // possibly incomplete
  const commentHeader = abuseChHeader(headLines);
  const dataLines = headLines.filter((l) => !l.startsWith('#'));
  const delimiter = options.delimiter ?? (/\.tsv$/i.test(ctx.fileName) ? '\t' : (detectDelimiter(dataLines.slice(0, HEAD_LINES)) ?? ','));
  const csvOptions: Options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // One hostile field (say 100 MB inside quotes) must not be buffered whole: no indicator is this long.
    max_record_size: MAX_RECORD_CHARS,
    skip_empty_lines: true,
    // csv-parse takes the first line ending it meets as the only one; real files mix them (a CRLF feed
    // with a few LF lines pasted in), and two rows read as one are two rejects.
    record_delimiter: ['\r\n', '\n', '\r'],
    // abuse.ch's ThreatFox export separates quoted fields with ", ": without trimming, the space opens an
    // unquoted field and a quoted comma inside ("CinaRAT,Yggdrasil") splits it. Not for TSV, where a tab
    // is the delimiter, not padding.
    ...(delimiter === '\t' ? {} : { ltrim: true, rtrim: true }),
    info: true,
    ...(headLines[0]?.startsWith('#') ? { comment: '#', comment_no_infix: true } : {}),
  };
  const parser = parse(csvOptions);
  async function* texts(): AsyncGenerator<string> {
    if (head !== '') yield* slices(head);
    if (ended) return;
    for (let next = await decoded.next(); next.done !== true; next = await decoded.next()) {
      ctx.signal?.throwIfAborted();
      bytesRead = next.value.bytesRead;
      yield* slices(next.value.text);
    }
  }
  const source = Readable.from(texts(), { objectMode: false });
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);

  let layout: CsvLayout | undefined;
  let width = 0;
  const pending: Row[] = [];
  let records = 0;
  let lastLine = 0;
  // csv-parse counts the CR and the LF of a CRLF inside a quoted field as two lines; what it has
  // over-counted so far is taken off every later line number.
  let overCounted = 0;
  const emitRow = function* (row: Row): Generator<IngestItem> {
    const l = layout as CsvLayout;
    if (row.cells.length !== width) {
      yield { kind: 'reject', reject: { location: `line ${row.line}`, reason: `expected ${width} fields, got ${row.cells.length}`, value: row.cells.join(delimiter).slice(0, 200) } };
      return;
    }
    for (const item of rowToItems(row.cells, row.line, l)) {
      if (item.kind === 'record') records++;
      yield item;
    }
  };
  const decide = (): void => {
    const header = pending[0] as Row;
    const hasHeader = options.header ?? (commentHeader !== undefined ? false : options.map !== undefined ? mapNamesHeader(options.map, header.cells) : looksLikeHeader(header.cells));
    const names = commentHeader ?? (hasHeader ? header.cells : header.cells.map((_, i) => `#${i + 1}`));
    if (hasHeader) pending.shift();
    width = names.length;
    const sample = pending.slice(0, SAMPLE_ROWS).map((r) => r.cells);
    try {
      layout = options.map !== undefined ? layoutFromMap(names, hasHeader || commentHeader !== undefined, options.map)
        : hasHeader || commentHeader !== undefined ? layoutFromHeader(names, sample) : layoutWithoutHeader(sample, width);
    } catch (e) {
      throw new IngestError(ctx.fileName, `line ${header.line}`, (e as Error).message);
    }
    if (layout.values.length === 0) {
      throw new IngestError(ctx.fileName, `line ${header.line}`, 'no indicator column found; map one with --map value=<column>');
    }
  };
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = rec.record;
      const embedded = embeddedLineBreaks(cells);
      overCounted += embedded.crlf;
      lastLine = rec.info.lines - overCounted;
      const line = lastLine - embedded.breaks;
      if (cells.every((c) => c.trim() === '')) continue;
      if (layout === undefined) {
        pending.push({ cells, line });
        if (pending.length <= SAMPLE_ROWS) continue;
        decide();
        for (const row of pending.splice(0)) yield* emitRow(row);
        continue;
      }
      yield* emitRow({ cells, line });
      if (records % 1000 === 0) ctx.onProgress?.({ bytesRead, bytesTotal: ctx.bytesTotal, records });
    }
  } catch (e) {
    throw toIngestError(e, ctx.fileName, lastLine + 1);
  }
  if (layout === undefined && pending.length > 0) {
    decide();
    for (const row of pending.splice(0)) yield* emitRow(row);
  }
  for (const note of notes.splice(0)) yield { kind: 'note', note };
  ctx.onProgress?.({ bytesRead, bytesTotal: ctx.bytesTotal, records });
}

function toIngestError(e: unknown, file: string, line: number): unknown {
  if (e instanceof IngestError || (e instanceof Error && e.name === 'AbortError')) return e;
  if (e instanceof CsvError) {
    // csv-parse names the line where the open quote was left; fall back to the line after the last record.
    const at = /at line (\d+)/.exec(e.message);
    if (at !== null) line = Number(at[1]);
    const reason =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unterminated quoted field at end of file'
        : e.code === 'CSV_MAX_RECORD_SIZE'
          ? `record longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`
          : e.message.replace(/^[^:]*:\s*/, '');
    return new IngestError(file, `line ${line}`, reason);
  }
  return e;
}

/** abuse.ch-style feeds put the header in the last leading '#' comment line ("# id,dateadded,url"). */
function abuseChHeader(lines: string[]): string[] | undefined {
  let last: string | undefined;
  for (const l of lines) {
    if (!l.startsWith('#')) break;
    last = l;
  }
  if (last === undefined) return undefined;
  const body = last.replace(/^#\s*/, '');
  const d = detectDelimiter([body, ...lines.filter((l) => !l.startsWith('#')).slice(0, 5)]);
  if (d === null) return undefined;
  const cells = body.split(d).map((c) => c.trim().replace(/^"|"$/g, ''));
  return looksLikeHeader(cells) ? cells : undefined;
}

/** With an explicit mapping, the first row is a header when it contains every mapped column name. */
function mapNamesHeader(map: CsvColumnMap, cells: string[]): boolean {
  const names = new Set(cells.map(normalizeHeader));
  return Object.values(map).every((t) => t === undefined || t.startsWith('#') || names.has(normalizeHeader(t)));
}

/** Line breaks inside a record's quoted fields (CRLF, LF or CR each one break), and how many were CRLF. */
function embeddedLineBreaks(cells: string[]): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (const c of cells) {
    if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch === 13) {
        breaks++;
        if (c.charCodeAt(i + 1) === 10) {
          crlf++;
          i++;
        }
      } else if (ch === 10) breaks++;
    }
  }
  return { breaks, crlf };
}

/**
 * csv-parse pushes every record of the text it is given before the reader can take one: a 1 MiB chunk of
 * short rows (a million mostly blank rows in 4 MB) held ~350k records at once and peaked at 634 MB
 * (issue #14). Fed in slices, it holds a slice's records.
 */
const PARSER_SLICE_CHARS = 16_384;

function* slices(text: string): Generator<string> {
  if (text.length <= PARSER_SLICE_CHARS) {
    yield text;
    return;
  }
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + PARSER_SLICE_CHARS, text.length);
    // Never between the two halves of a surrogate pair: each slice is encoded to UTF-8 on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(at, end);
    at = end;
  }
}

function countNewlines(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && n < limit; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
