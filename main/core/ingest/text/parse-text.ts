/**
 * Free-text parser for plain text, Markdown and HTML reports. Streams: decoded chunks are split into
 * lines with a carry-over for the unfinished last line, so an indicator split across chunk boundaries
 * is still found; a line longer than MAX_LINE is cut and the fragment at each cut ignored, so memory
 * stays bounded. Each distinct (type, value) is yielded once, at its first occurrence, with a snippet
 * (past MAX_REMEMBERED values, a repeat may be yielded again; the import keeps only the first mention).
 * Ambiguous candidates are yielded as rejects whose reason starts with 'ambiguous: '.
 */
import { portContext } from '../csv/host-port';
import { decodeText } from '../decode';
import {
  AMBIGUOUS_PREFIX,
  type IngestItem,
  type IngestNote,
  type IngestRecord,
  type Parser,
  type ParserContext,
  type ParserInput,
} from '../ingest-record';
import { itemsFromBatches } from '../items-from-batches';
import { HtmlTextStream, LINK_TEXT_CLOSE, LINK_TEXT_OPEN } from './html-text';
import { ambiguousUnlessDefanged, asLinkTextFinding, NAME_TYPES, scanLine, snippetAround, type LineFinding } from './scan-line';
import { joinSsdeep, ssdeepHeadAtEnd, type SsdeepHead } from './wrapped-ssdeep';

/** Longest line scanned as one unit; longer lines are cut (no indicator is this long). */
export const MAX_LINE = 65536;
/**
 * Values remembered to drop repeats. Bounded (about 10 MB), since a million remembered values was most of
 * a 73 MB report's 600 MB peak (issue #14); when full it starts over. A repeat it no longer remembers is
 * yielded again and changes nothing in the vault (the writer's `firstMentionOnly`).
 */
const MAX_REMEMBERED = 65_536;
const HTML_NAME_RE = /\.(?:html?|xhtml)$/i;
const HTML_HEAD_RE = /^\s*<(?:!doctype html|html|head|body|meta|div|p|table)\b/i;

/** Parse a text, Markdown or HTML report into indicator records (with snippets) and ambiguities. */
export const parseText: Parser = (input: ParserInput, ctx: ParserContext) => itemsFromBatches(parseTextBatches(input, ctx));

/** The items of each decoded chunk as one batch (see itemsFromBatches). */
async function* parseTextBatches(input: ParserInput, ctx: ParserContext): AsyncGenerator<IngestItem[]> {
  const notes: IngestNote[] = [];
  const seen = new RememberedValues();
  let html: HtmlTextStream | null | undefined;
  let carry = '';
  let carryOpen = false; // carry starts mid-token (previous piece of an over-long line)
  let lineNo = 1;
  let records = 0;
  let bytesRead = 0;

  // In Markdown (and HTML turned to text) '#' starts a heading, not a comment.
  const hashComments = !MARKDOWN_NAME_RE.test(ctx.fileName);

  // Plain functions filling one chunk's list, not a generator per line: a report has millions of lines.
  let inLinkText = false; // an HTML link's text may run over several lines
  let section: string | undefined; // the heading of a section of references or of legitimate names
  // A line-ending ssdeep (or its start) waits for the next line, which may hold the rest of it.
  let held: { head: SsdeepHead; lineNo: number; line: string; place: LinePlace; finding?: LineFinding } | undefined;

  function take(f: LineFinding, at: number, out: IngestItem[], repairNote?: string): void {
    if (!seen.firstTime(f.ambiguous === undefined ? f.type : 'ambiguous', f.value)) return;
    const item = findingToItem(f, at);
    if (item.kind === 'record') records++;
    if (item.kind === 'record' && (repairNote !== undefined || f.repairedFrom !== undefined)) {
      out.push({ kind: 'note', note: { location: item.record.location, message: repairNote ?? `"${f.repairedFrom}" had a space inside ${f.type === 'url' ? 'a URL' : `a ${f.type} hash`}; read as ${f.value}` } });
    }
    out.push(item);
  }

  /** The held ssdeep, joined with the start of `line` when that goes on with it; where `line`'s own text starts. */
  function release(line: string | undefined, out: IngestItem[]): number {
    if (held === undefined) return 0;
    const { head, lineNo: at, line: headLine, place, finding } = held;
    held = undefined;
    const joined = line === undefined ? null : joinSsdeep(head.head, line);
    if (joined === null) {
      if (finding !== undefined) take(finding, at, out);
      return 0;
    }
    const rest = line!.slice(0, joined.end).trim();
    const f = placed({ type: 'ssdeep', value: joined.value, defanged: false, column: head.index + 1, snippet: `${snippetAround(headLine, head.index, headLine.length)} ${rest}` }, place);
    take(f, at, out, `"${head.head}" and "${rest}" (lines ${at} and ${at + 1}) are one ssdeep hash broken over two lines; read as ${joined.value}`);
    return joined.end;
  }

  function emitLine(marked: string, openEnd: boolean, out: IngestItem[]): void {
    let line = marked;
    let linkText: number[] = [];
    if (html) ({ line, spans: linkText, open: inLinkText } = linkTextSpans(marked, inLinkText));
    // The rest of a wrapped ssdeep at the start of this line is read with its head, not again on its own.
    const from = release(carryOpen ? undefined : line, out);
    const comment = !carryOpen && isCommentLine(line, hashComments && !html);
    const entryComment = comment || carryOpen ? -1 : entryCommentColumn(line);
    if (!carryOpen && !comment) section = sectionAfter(line, section);
    const place: LinePlace = { comment, entryComment, linkText, section };
    const tail = openEnd ? null : ssdeepHeadAtEnd(line);
    let tailFinding: LineFinding | undefined;
    for (const found of scanLine(from > 0 ? ' '.repeat(from) + line.slice(from) : line, carryOpen, openEnd)) {
      const f = placed(found, place);
      if (tail !== null && found.type === 'ssdeep' && found.column === tail.index + 1) tailFinding = f;
      else take(f, lineNo, out);
    }
    if (tail !== null) {
      held = { head: tail, lineNo, line, place, ...(tailFinding ? { finding: tailFinding } : {}) };
    }
  }

  /** The items of the complete lines in `text` (with the carry before it); all of it when `final`. */
  function consume(text: string, final: boolean): IngestItem[] {
    const out: IngestItem[] = [];
    let pos = 0;
    // Search for newlines in the new text only: a long carry is never rescanned, whatever the chunking.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
      const line = carry + text.slice(pos, nl);
      carry = '';
      emitLine(line.endsWith('\r') ? line.slice(0, -1) : line, false, out);
      carryOpen = false;
      lineNo++;
      pos = nl + 1;
    }
    carry += text.slice(pos);
    while (carry.length > MAX_LINE) {
      // Cut an over-long line; the token at the cut is incomplete on both sides and is skipped.
      emitLine(carry.slice(0, MAX_LINE), true, out);
      carryOpen = true;
      carry = carry.slice(MAX_LINE);
    }
    if (final && carry !== '') {
      emitLine(carry, false, out);
      carry = '';
    }
    if (final) release(undefined, out);
    return out;
  }

  for await (const chunk of decodeText(input, ctx.fileName, notes)) {
    ctx.signal?.throwIfAborted();
    yield noteItems(notes);
    if (html === undefined) html = HTML_NAME_RE.test(ctx.fileName) || HTML_HEAD_RE.test(chunk.text) ? new HtmlTextStream() : null;
    yield consume(html === null ? chunk.text : html.push(chunk.text), false);
    bytesRead = chunk.bytesRead;
    ctx.onProgress?.({ bytesRead, bytesTotal: ctx.bytesTotal, records });
  }
  yield noteItems(notes);
  yield consume(html ? html.end() : '', true);
  ctx.onProgress?.({ bytesRead, bytesTotal: ctx.bytesTotal, records });
}

/** The notes gathered so far as items, taken out of `notes`. */
function noteItems(notes: IngestNote[]): IngestItem[] {
  return notes.splice(0).map((note) => ({ kind: 'note', note }));
}

/** Where on its line a finding is, as far as the rules for comments, entry comments, link text and sections go. */
interface LinePlace {
  comment: boolean;
  /** 1-based column where a list entry's comment starts, or -1. */
  entryComment: number;
  linkText: readonly number[];
  section: string | undefined;
}

function placed(found: LineFinding, place: LinePlace): LineFinding {
  if (place.comment) return onCommentLine(found);
  if (place.entryComment > 0 && found.column >= place.entryComment) return inEntryComment(found);
  if (inSpans(place.linkText, found.column - 1)) return asLinkTextFinding(found);
  return place.section !== undefined ? inSection(found, place.section) : found;
}

const MARKDOWN_NAME_RE = /\.(?:md|markdown|mdown)$/i;
const SEMICOLON_OR_SLASH_COMMENT_RE = /^\s*(?:;|\/\/)/;
const HASH_COMMENT_RE = /^\s*#/;

/** A comment line of a list file (`; Spamhaus DROP List`, `# Source: https://…`, `// updated …`). */
function isCommentLine(line: string, hashComments: boolean): boolean {
  // Decided by the first character that is not a space: no regex for the lines of prose.
  const first = line.charCodeAt(line.length - line.trimStart().length);
  if (first !== 0x3b && first !== 0x2f && first !== 0x23) return false;
  return SEMICOLON_OR_SLASH_COMMENT_RE.test(line) || (hashComments && HASH_COMMENT_RE.test(line));
}

/**
 * Lists published as text name their publisher's site, contact and references on comment lines, and
 * comment out entries they withdrew or give as examples (Loki's `# <hash>;<comment>`). Taken as
 * indicators, every import would flag the publisher and revive withdrawn entries. A plain value on a
 * comment line is listed as ambiguous instead; one the author defanged is an indicator, except an email
 * address: lists write their contact as `bazaar [at] abuse.ch` to keep it from harvesters.
 */
function onCommentLine(f: LineFinding): LineFinding {
  if (f.type === 'email' && f.ambiguous === undefined) return { ...f, ambiguous: `"${f.value}" is on a comment line, where lists give their contact address` };
  return ambiguousUnlessDefanged(f, 'is on a comment line, where lists name their sources and comment out entries');
}

/**
 * Reports put what they are not reporting under headings of their own: "HTTPS TRAFFIC TO LEGITIMATE
 * DOMAINS CAUSED BY INSTALLER DLL:" (Unit 42), "Legitimate servers abused" (ESET), "References". Plain
 * values in such a section are listed as ambiguous; defanged ones, which an author defangs only when they
 * are indicators, stay. A heading is a Markdown or AsciiDoc heading, a short line ending in ':', or a
 * line that is only one of the reference labels; the next heading ends the section.
 */
function sectionAfter(line: string, current: string | undefined): string | undefined {
  if (line.length > MAX_HEADING + 16) return current;
  const text = line.trim();
  const first = text.charCodeAt(0);
  // Most lines are none of these shapes: decide that before running any pattern over them.
  if (first !== 0x23 && first !== 0x3d && !text.endsWith(':') && text.length > 40) return current;
  const heading = MARKUP_HEADING_RE.test(text) || REFERENCE_LABEL_RE.test(text) || (text.endsWith(':') && text.length <= MAX_HEADING && /[A-Za-z]{3}/.test(text) && !text.includes('://'));
  if (!heading) return current;
  return (NOT_REPORTED_RE.test(text) && !/\bnot\s+legitimate\b/i.test(text)) || REFERENCE_LABEL_RE.test(text) ? text.replace(/^[#=\s]+/, '') : undefined;
}
const MAX_HEADING = 120;
const MARKUP_HEADING_RE = /^(?:#{1,6}|={1,6})\s+\S/;
const REFERENCE_LABEL_RE = /^(?:#{1,6}\s+|={1,6}\s+)?(?:references?|sources?|further reading|see also|external links|related links|bibliography)\s*:?$/i;
const NOT_REPORTED_RE = /\b(?:legitimate|benign|false positives?|allow-?listed|white-?listed)\b|^(?:#{1,6}\s+|={1,6}\s+)?(?:references?|sources?)\b/i;

function inSection(f: LineFinding, heading: string): LineFinding {
  const shown = heading.length > 60 ? `${heading.slice(0, 57)}...` : heading;
  return ambiguousUnlessDefanged(f, `is under "${shown}": the report lists it as legitimate or as a reference`);
}

/**
 * `<value>;<comment>` lists (Loki's hash-iocs.txt: `<sha256>;Sofacy Activity https://…`): a link in an
 * entry's comment is the reference for it, not another entry. The column after the ';' (1-based) when
 * the line has that shape: a first field with no space, then text with a space in it.
 */
function entryCommentColumn(line: string): number {
  if (!line.includes(';')) return -1;
  const m = ENTRY_WITH_COMMENT_RE.exec(line);
  return m === null ? -1 : (m[1] as string).length + 1;
}
const ENTRY_WITH_COMMENT_RE = /^(\s*[^\s;#]{3,512};)(?=[^;]*\s)/;

function inEntryComment(f: LineFinding): LineFinding {
  return ambiguousUnlessDefanged(f, 'is in the comment of a list entry, where lists give their references', NAME_TYPES);
}

/**
 * The line without HtmlTextStream's link-text marks, and where link text is in it: [start, end) pairs of
 * indexes into the returned line. `open`: whether a link's text goes on past the end of the line.
 */
function linkTextSpans(marked: string, openAtStart: boolean): { line: string; spans: number[]; open: boolean } {
  if (!openAtStart && !marked.includes(LINK_TEXT_OPEN) && !marked.includes(LINK_TEXT_CLOSE)) return { line: marked, spans: [], open: false };
  let line = '';
  const spans: number[] = openAtStart ? [0] : [];
  let open = openAtStart;
  for (const c of marked) {
    if (c === LINK_TEXT_OPEN || c === LINK_TEXT_CLOSE) {
      if ((c === LINK_TEXT_OPEN) !== open) {
        spans.push(line.length);
        open = !open;
      }
    } else line += c;
  }
  if (open) spans.push(line.length);
  return { line, spans, open };
}

function inSpans(spans: readonly number[], at: number): boolean {
  for (let i = 0; i + 1 < spans.length; i += 2) if (at >= spans[i]! && at < spans[i + 1]!) return true;
  return false;
}

function findingToItem(f: LineFinding, lineNo: number): IngestItem {
  const location = `line ${lineNo}, column ${f.column}`;
  if (f.ambiguous !== undefined) {
    return { kind: 'reject', reject: { location, reason: `${AMBIGUOUS_PREFIX}${f.ambiguous}`, value: f.value } };
  }
  // No spread of an empty object for the port: this runs for every value of a report.
  const record: IngestRecord = { type: f.type, typeHint: f.defanged ? 'text (defanged)' : 'text', value: f.value, location, snippet: f.snippet };
  if (f.port !== undefined) record.context = [portContext(f.port)];
  return { kind: 'record', record };
}

/** The values a report has named, per kind ('ambiguous' for listed ambiguities), at most MAX_REMEMBERED. */
class RememberedValues {
  private readonly byKind = new Map<string, Set<string>>();
  private size = 0;

  /** True the first time `value` (case aside) is offered for `kind`, since the memory last started over. */
  firstTime(kind: string, value: string): boolean {
    const key = caseAsideKey(value);
    let values = this.byKind.get(kind);
    if (values === undefined) this.byKind.set(kind, (values = new Set()));
    if (values.has(key)) return false;
    if (this.size >= MAX_REMEMBERED) {
      for (const kept of this.byKind.values()) kept.clear();
      this.size = 0;
    }
    // A key that changed case is a string of its own; V8 copies slices shorter than 13 characters.
    // Anything else may be a slice of the chunk (see ownCopy).
    values.add(key !== value || key.length < 13 ? key : ownCopy(key));
    this.size += 1;
    return true;
  }
}

const NON_ASCII_RE = /[\u0080-\uffff]/;

/**
 * The same key for two values exactly when their lower-case forms are the same: the upper-case form of
 * an ASCII lower-case form, the lower-case form itself otherwise. Upper-casing is one-to-one on ASCII, and
 * no key of one kind has the other's shape. Reports write values in lower case, so upper-casing makes the
 * key a string of its own at once: lower-casing, then copying the unchanged value (ownCopy), cost most of
 * firstTime.
 */
function caseAsideKey(value: string): string {
  if (!NON_ASCII_RE.test(value)) return value.toUpperCase();
  const lower = value.toLowerCase();
  // The Kelvin sign lower-cases to an ASCII 'k'.
  return NON_ASCII_RE.test(lower) ? lower : lower.toUpperCase();
}

/**
 * A copy of `text` that holds no reference to a larger string. Values are slices of the decoded chunk
 * they were found in, and V8 keeps a whole chunk alive for a slice of it: a million remembered values
 * kept every chunk of the file in memory.
 */
function ownCopy(text: string): string {
  // Slicing a concatenation flattens it into a new string first: every code unit, lone surrogates
  // included, is copied once (a round trip through a UTF-16 buffer cost three times as much).
  return ` ${text}`.slice(1);
}
