/**
 * Indicator extraction from one line of prose. Linear by construction: the line is refanged in one
 * pass, cut into tokens by a negated character class (each character visited once), and every
 * token piece longer than MAX_PIECE is skipped without running any pattern over it, so the
 * per-piece regexes only ever see short strings.
 */
import { bracketBareIpv6Host } from '../../indicators/canonical-network';
import { detectName, detectType } from '../../indicators/detect-type';
import { refangWithOffsets } from '../../indicators/refang';
import { classifyPiece, type Finding } from './classify-piece';
import { readWebdavLocation } from './webdav-path';

const WEAK_SPLIT_RE = /[()[\]{},;=]+/;
const WEAK_SEPARATOR_RE = /[()[\]{},;=]/;
const URL_SCHEME_RE = /(?:https?|ftp|sftp|wss?|tcp|udp|ssl|file)$/i;
/** Schemes of raw connections (C2 configs, sandbox reports): the host is an indicator of its own. */
const CONNECTION_SCHEMES: ReadonlySet<string> = new Set(['tcp', 'udp', 'ssl', 'ws', 'wss']);
const URL_STOP = new Set(['[', ']', '{', '}', '\\', '^']);
const TRIM_END = new Set(['.', ',', ';', ':', '!', '?', "'", '"', ')', ']', '}']);
// Only short tokens can be "version"/"ASN": a trailing-anchored regex over a long token would backtrack.
const MAX_PREV_WORD = 16;
const PREV_WORD_TRIM_RE = /^[([]+|[.:,)\]]+$/g;
const MAX_TOKEN = 8192;
const MAX_PIECE = 320;
const SNIPPET_RADIUS = 60;
/**
 * A line that holds one token and nothing else, after a list bullet or inside one table cell or code
 * span (`- 8.8.8.8`, `| 1.1.1.1 |`, `` `9.9.9.9` ``): a value standing alone, not running text.
 */
const STANDS_ALONE_RE = /^\s*(?:[-*+\u2022>]\s+|\d{1,3}[.)]\s+|\|\s*)?`?[^\s`|]+`?\s*\|?\s*$/;

/** STANDS_ALONE_RE, after a cheap count: a line of more than three words (most of a report) is running text. */
function standsAlone(text: string): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 0x20;
    if (!space && !inWord && ++words > 3) return false;
    inWord = !space;
  }
  return STANDS_ALONE_RE.test(text);
}

export interface LineFinding extends Finding {
  /** 1-based column in the original line. */
  column: number;
  snippet: string;
  /** The value had a stray space inside it (`http://host /path`, a labelled hash cut in two) and is read without it: this quotes it as written. */
  repairedFrom?: string;
}

/** `http://evil.example /gate.php`: a space between a URL's host and its path, as PDFs and mail clients break them. */
const URL_SPACE_PATH_RE = /\b(?:https?|ftp|tcp|udp|ssl|wss?):\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,63}(?::\d{1,5})? \/(?=[^\s/])/gi;

/**
 * `SHA1: 47ed693d195558507e4258527f7d4d 4968d34f38`: a labelled hash cut in two by a space (a copy out of a
 * PDF or a narrow column). Joined only after its label and when the two parts make the label's length.
 */
const MAY_NAME_HASH_RE = /md5|sha/i;
const HASH_LABEL_RE = /\b(md5|sha-?1|sha-?256|sha-?512)\b/gi;
/** Hex digits of the hash a label names, by the label's last character: md5, sha1, sha256, sha512. */
const LABELLED_HASH_LENGTH: Readonly<Record<string, number>> = { '5': 32, '1': 40, '6': 64, '2': 128 };

/**
 * After a hash label ending at `from`: the position of the one space splitting a hash of `length` hex
 * digits in two (`: 47ed…7d4d 4968d34f38`), or -1. Read by hand: a bench report names a hash on every
 * other line, and a regex with a backtracking hex run cost 2% of the scan.
 */
function splitHashSpace(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) === 0x3a || text.charCodeAt(i) === 0x3d) i++; // ':' or '='
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  const head = i;
  while (i < text.length && isHexDigit(text.charCodeAt(i))) i++;
  const space = i;
  if (space - head < 8 || space - head >= length || text.charCodeAt(space) !== 0x20) return -1;
  i = space + 1;
  while (i < text.length && isHexDigit(text.charCodeAt(i))) i++;
  // The second part ends the word: `4968d34f38.` yes, `4968d34f38x` no.
  if (i - head - 1 !== length || (i < text.length && isWordCode(text.charCodeAt(i)))) return -1;
  return space;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
}

const NO_SPACES: readonly number[] = [];

/** For each index of the scanned text (and its end), the index in the original line. */
interface Offsets {
  at(index: number): number | undefined;
}


/** The refanged line with such spaces removed, its offsets into the original, and where spaces were removed. */
function joinBrokenUrls(line: string): { text: string; offsets: Offsets | null; removed: readonly number[] } {
  const refanged = refangWithOffsets(line);
  // Per line of a report: no copy of the result and no regex unless a space precedes a slash or a hash is named.
  const urlSpace = refanged.text.includes(' /');
  const hashLabel = refanged.text.length >= 40 && MAY_NAME_HASH_RE.test(refanged.text);
  if (!urlSpace && !hashLabel) return { text: refanged.text, offsets: refanged.offsets, removed: NO_SPACES };
  const spaces: number[] = [];
  if (urlSpace) {
    URL_SPACE_PATH_RE.lastIndex = 0;
    for (let m = URL_SPACE_PATH_RE.exec(refanged.text); m !== null; m = URL_SPACE_PATH_RE.exec(refanged.text)) spaces.push(m.index + m[0].length - 2);
  }
  if (hashLabel) {
    // test(), not exec(): a bench report names a hash on every third line, and each match array and
    // lower-cased label was garbage. The label's last character says which it is.
    for (HASH_LABEL_RE.lastIndex = 0; HASH_LABEL_RE.test(refanged.text); ) {
      const end = HASH_LABEL_RE.lastIndex;
      const space = splitHashSpace(refanged.text, end, LABELLED_HASH_LENGTH[refanged.text.charAt(end - 1)] as number);
      if (space >= 0) spaces.push(space);
    }
    spaces.sort((a, b) => a - b);
  }
  if (spaces.length === 0) return { text: refanged.text, offsets: refanged.offsets, removed: NO_SPACES };
  const from = Array.from({ length: refanged.text.length + 1 }, (_, i) => refanged.offsets?.at(i) ?? i);
  const offsets: number[] = [];
  let text = '';
  let at = 0;
  let o = 0;
  for (const space of spaces) {
    text += refanged.text.slice(at, space);
    for (let k = at; k < space; k++) offsets[o + k - at] = from[k]!;
    o += space - at;
    at = space + 1;
  }
  text += refanged.text.slice(at);
  for (let k = at; k < from.length; k++) offsets[o + k - at] = from[k]!;
  return { text, offsets, removed: spaces.map((space) => from[space] as number) };
}

/** Extract findings (indicators and ambiguities) from one line of text. */
export function scanLine(line: string, openStart = false, openEnd = false): LineFinding[] {
  const { text, offsets, removed } = joinBrokenUrls(line);
  removedSpaces = removed;
  const out: LineFinding[] = [];
  scanning = { line, offsets, out };
  // Whether the line is running text, decided at its first token that may hold a value: most lines have none.
  let prose: boolean | undefined;
  let prevStart = 0;
  let prevEnd = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    // Tokens are runs of anything but whitespace, quotes and `<>|*`, cut by hand: no match object and no
    // substring for the words of prose, which can hold no indicator and are most of a report.
    while (i < n && isTokenStop(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let candidate = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const kind = c < 128 ? ASCII_KIND[c]! : WIDE_STOP.has(c) ? STOP : 0;
      if (kind === STOP) break;
      if (kind === VALUE_CHAR || (kind === DOT && !candidate && i + 1 < n && dotInside(text.charCodeAt(i + 1)))) candidate = true;
    }
    const end = i;
    // A token cut by the line-length cap is incomplete: never read a fragment as an indicator.
    const truncated = (openStart && start === 0) || (openEnd && end === n);
    if ((candidate || end - start >= MIN_LETTERS_ONLY_VALUE) && !truncated && end - start <= MAX_TOKEN) {
      prose ??= !standsAlone(text);
      scanToken(text.slice(start, end), start, previousWord(text, prevStart, prevEnd), emitFinding, offsets, prose);
    }
    prevStart = start;
    prevEnd = end;
  }
  scanning = NOT_SCANNING;
  return out;
}

/**
 * The shortest value with no VALUE_CHAR and no inner DOT (see ASCII_KIND): a hex hash (32) or a base58
 * wallet (25, `r…`) written in letters only. Shorter tokens of letters and punctuation are words.
 */
const MIN_LETTERS_ONLY_VALUE = 25;

/**
 * What a character says about its token: STOP ends it; every value shorter than MIN_LETTERS_ONLY_VALUE
 * holds, once refanged, a VALUE_CHAR (a digit: addresses, hashes, CVEs, ASNs, ports; ':' or '/': URLs,
 * IPv6, ssdeep; '@': e-mail; '\\': UNC paths) or a DOT inside the token (names; a dot before closing
 * punctuation ends a sentence).
 */
const STOP = 1;
const VALUE_CHAR = 2;
const DOT = 3;
const ASCII_KIND = new Uint8Array(128);
for (const c of ' \t\n\v\f\r"\'<>`|*') ASCII_KIND[c.charCodeAt(0)] = STOP;
for (const c of '0123456789:/@\\') ASCII_KIND[c.charCodeAt(0)] = VALUE_CHAR;
ASCII_KIND[0x2e] = DOT;

function dotInside(next: number): boolean {
  return !isTokenStop(next) && !TRIM_END_CODES.has(next);
}

const TRIM_END_CODES: ReadonlySet<number> = new Set([...'.,;:!?\'")]}'].map((c) => c.charCodeAt(0)));

/** Beyond ASCII, what ends a token: JavaScript's \s and typographic quotes. */
const WIDE_STOP: ReadonlySet<number> = new Set([
  0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
  0x3000, 0xfeff, 0x201c, 0x201d, 0x2018, 0x2019, 0xab, 0xbb,
]);

function isTokenStop(c: number): boolean {
  return c < 128 ? ASCII_KIND[c] === STOP : WIDE_STOP.has(c);
}

/** The previous token as the version/ASN rules read it (punctuation trimmed); only short tokens count. */
function previousWord(text: string, start: number, end: number): string {
  if (end - start <= 0 || end - start > MAX_PREV_WORD) return '';
  const word = text.slice(start, end);
  // Most words have nothing to trim: no pattern run over them then.
  return PREV_WORD_EDGE.has(word.charCodeAt(0)) || PREV_WORD_EDGE.has(word.charCodeAt(word.length - 1)) ? word.replace(PREV_WORD_TRIM_RE, '') : word;
}
/** The characters PREV_WORD_TRIM_RE trims from either end. */
const PREV_WORD_EDGE: ReadonlySet<number> = new Set([...'([.:,)]'].map((c) => c.charCodeAt(0)));

type Emit = (f: Finding, start: number, end: number) => void;

/** The line scanLine is working on: module state rather than a closure per line (a report has millions). */
const NOT_SCANNING = { line: '', offsets: null as Offsets | null, out: [] as LineFinding[] };
let scanning = NOT_SCANNING;

function emitFinding(f: Finding, s: number, e: number): void {
  const { line, offsets, out } = scanning;
  const os = offsets === null ? s : (offsets.at(s) as number);
  const oe = offsets === null ? e : (offsets.at(e) as number);
  // Spaces taken out of a broken URL are not defanging: only what refanging changed counts.
  const inside = spacesWithin(os, oe);
  const defanged = oe - os - inside !== e - s;
  const found: LineFinding = { type: f.type, value: f.value, defanged: f.defanged || defanged, column: os + 1, snippet: snippetAround(line, os, oe) };
  if (f.ambiguous !== undefined) found.ambiguous = f.ambiguous;
  if (f.port !== undefined) found.port = f.port;
  if (inside > 0) found.repairedFrom = line.slice(os, oe);
  out.push(found);
}

/** Original positions of the spaces joinBrokenUrls took out of the line being scanned (usually none). */
let removedSpaces: readonly number[] = [];

function wasDefanged(offsets: Offsets | null, s: number, e: number): boolean {
  if (offsets === null) return false;
  const os = offsets.at(s) as number;
  const oe = offsets.at(e) as number;
  return oe - os - spacesWithin(os, oe) !== e - s;
}

function spacesWithin(os: number, oe: number): number {
  return removedSpaces.length === 0 ? 0 : removedSpaces.filter((at) => at > os && at < oe).length;
}

function scanToken(raw: string, base: number, prevWord: string, emit: Emit, offsets: Offsets | null, prose: boolean): void {
  const token = commaForDot(raw, base, offsets);
  const unc = token.indexOf('\\\\');
  if (unc >= 0 && scanUncWebdav(token, unc, base, prevWord, emit, offsets, prose)) return;
  let pos = token.includes('://') || token.indexOf('/') < 4 ? 0 : scanBareUrl(token, base, prevWord, emit, offsets, prose);
  for (let sep = token.indexOf('://'); sep >= 0; sep = token.indexOf('://', Math.max(sep + 3, pos))) {
    const head = token.slice(Math.max(pos, sep - 5), sep);
    const scheme = URL_SCHEME_RE.exec(head);
    if (scheme === null) continue;
    const urlStart = sep - scheme[0].length;
    if (scheme[0].toLowerCase() === 'file') {
      // Only a WebDAV file URL names a remote host; file:///C:/… is a path on the victim's disk.
      const dav = readWebdavLocation(token.slice(urlStart));
      if (dav === null) continue;
      scanPieces(token.slice(pos, urlStart), base + pos, prevWord, emit, offsets, prose);
      emitWebdav(dav, base + urlStart, emit, offsets);
      pos = urlStart + dav.length;
      continue;
    }
    const urlEnd = urlExtent(token, sep + 3);
    // Markdown link targets `[text](url)` are markup, like href="" in HTML. The text is scanned, but a
    // name or URL there names the page linked to: reports link their sources, not their indicators.
    const isLinkTarget = urlStart >= 2 && token[urlStart - 1] === '(' && token[urlStart - 2] === ']';
    scanPieces(token.slice(pos, urlStart), base + pos, prevWord, isLinkTarget ? asLinkText(emit) : emit, offsets, prose);
    if (!isLinkTarget && urlEnd - urlStart <= MAX_TOKEN) {
      const value = token.slice(urlStart, urlEnd);
      const f = classifyPiece(value, '', wasDefanged(offsets, base + urlStart, base + urlEnd));
      if (f !== null) emitUrl(f, scheme[0].toLowerCase(), base + urlStart, base + urlEnd, emit);
    }
    pos = urlEnd;
  }
  scanPieces(token.slice(pos), base + pos, prevWord, emit, offsets, prose);
}

/**
 * A finding listed as ambiguous, for `why` (said after the value), where its place says the author did not
 * mean it as an indicator: a comment line, a reference, a link's text. One the author defanged stays an
 * indicator, whatever its place; so does a kind outside `kinds` when given.
 */
export function ambiguousUnlessDefanged<F extends Finding>(f: F, why: string, kinds?: ReadonlySet<string>): F {
  if (f.defanged || f.ambiguous !== undefined || (kinds !== undefined && !kinds.has(f.type))) return f;
  return { ...f, ambiguous: `"${f.value}" ${why}` };
}

/** Kinds that name a page or an address: a list's sources, a link's target. */
export const NAME_TYPES: ReadonlySet<string> = new Set(['url', 'domain', 'hostname', 'email']);

/** A finding in a link's text (Markdown `[text](url)`, HTML `<a href>`): a plain name there names the link's target. */
export function asLinkTextFinding<F extends Finding>(f: F): F {
  return ambiguousUnlessDefanged(f, 'is the text of a link, which names the page or address linked to', NAME_TYPES);
}

function asLinkText(emit: Emit): Emit {
  return (f, start, end) => emit(asLinkTextFinding(f), start, end);
}

/**
 * A URL found in a token. `http://fdc4:2581::1/x` (an IPv6 host without its brackets) is read as the
 * bracketed URL; a raw connection's URL (`tcp://host:port`) and such an address also give their host.
 */
function emitUrl(f: Finding, scheme: string, start: number, end: number, emit: Emit): void {
  const bracketed = f.type === 'url' ? bracketBareIpv6Host(f.value) : null;
  emit(bracketed === null ? f : { ...f, value: bracketed }, start, end);
  if (bracketed === null && !CONNECTION_SCHEMES.has(scheme)) return;
  const host = hostOf(bracketed ?? f.value);
  const found = host === null ? null : classifyPiece(host, '', f.defanged, false);
  if (found !== null) emit(found, start, end);
}

/** The host of a URL with an authority, brackets of an IPv6 address removed; null when it has none. */
function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host.startsWith('[') ? host.slice(1, -1) : host || null;
  } catch {
    return null;
  }
}

/** A WebDAV location (see ./webdav-path.ts): the URL it fetches and its host. */
function emitWebdav(dav: { url: string; host: string; length: number }, start: number, emit: Emit, offsets: Offsets | null): void {
  const defanged = wasDefanged(offsets, start, start + dav.length);
  emit({ type: 'url', value: dav.url, defanged }, start, start + dav.length);
  const host = classifyPiece(dav.host, '', defanged, false);
  if (host !== null) emit(host, start, start + dav.length);
}

/** `\\host@SSL\DavWWWRoot\x` in a token (a command line, `Path=\\…`); true when one was read. */
function scanUncWebdav(token: string, at: number, base: number, prevWord: string, emit: Emit, offsets: Offsets | null, prose: boolean): boolean {
  const dav = readWebdavLocation(token.slice(at));
  if (dav === null) return false;
  scanPieces(token.slice(0, at), base, prevWord, emit, offsets, prose);
  emitWebdav(dav, base + at, emit, offsets);
  scanPieces(token.slice(at + dav.length), base + at + dav.length, prevWord, emit, offsets, prose);
  return true;
}

/** A defanged name whose last dot was typed as a comma: `evil[.]example,com`, and only there. */
const COMMA_TLD_RE = /^([A-Za-z0-9.-]+),([A-Za-z]{2,24})(?=$|[/:?#])/;

/**
 * `evil[.]example,com` -> `evil.example.com` when the author defanged the token (so it is meant as an
 * indicator) and the result is a name under a known suffix. The same length, so offsets still hold.
 */
function commaForDot(token: string, base: number, offsets: Offsets | null): string {
  if (offsets === null || !token.includes(',') || !wasDefanged(offsets, base, base + token.length)) return token;
  const lead = token.length - token.replace(/^[([{'"]+/, '').length;
  const m = COMMA_TLD_RE.exec(token.slice(lead));
  if (m === null || !(m[1] as string).includes('.')) return token;
  const name = `${m[1]}.${m[2]}`;
  if (detectName(name) === null) return token;
  return token.slice(0, lead) + name + token.slice(lead + name.length);
}

/** A name (or address) with an optional port then '/', after opening punctuation; bounded, so no long backtracking. */
const BARE_URL_HEAD_RE = /^([([{'"]*)([A-Za-z0-9.-]{4,253})(:\d{1,5})?\//;

/**
 * A name followed by a path without a scheme (`evil.example/wp-content/login/`, as blocklists and
 * Maltrail trails write them) is a URL when the name before the first '/' is a real domain name.
 * Returns where the URL ends in the token (0 when there is none).
 */
function scanBareUrl(token: string, base: number, prevWord: string, emit: Emit, offsets: Offsets | null, prose: boolean): number {
  const m = BARE_URL_HEAD_RE.exec(token);
  if (m === null) return 0;
  const hostStart = (m[1] as string).length;
  const host = m[2] as string;
  const port = m[3];
  const name = classifyPiece(host, prevWord, wasDefanged(offsets, base + hostStart, base + hostStart + host.length), prose);
  // An address before a path is a URL only with a port (`45.9.148.3:8080/bins/x86`): `10.0.0.0/8` is a network.
  const named = name !== null && name.ambiguous === undefined && (name.type === 'domain' || name.type === 'hostname' || (port !== undefined && name.type === 'ipv4'));
  if (!named) return 0;
  const end = urlExtent(token, hostStart + host.length + (port?.length ?? 0));
  if (end - hostStart > MAX_TOKEN) return 0;
  emit({ type: 'url', value: `http://${token.slice(hostStart, end)}`, defanged: name.defanged }, base + hostStart, base + end);
  // `host:port/path` is a connection to that host: the host is an indicator too, with its port.
  if (port !== undefined) emit({ ...name, port: Number(port.slice(1)) }, base + hostStart, base + hostStart + host.length);
  return end;
}

const DATE_START_RE = /^\d{4}-\d{2}-\d{2}/;

/**
 * True when the text after a comma in a URL is the next field of a CSV line rather than more of the URL
 * (`hxxp://0.x90.io/,2016-05-09 07:44:41,<sha256>` in a list saved as .txt): a date, or a value that is
 * an indicator itself. Commas inside real URLs (`?ids=1,2`, `@48.85,2.29,15z`) are followed by neither.
 */
function startsAnotherField(token: string, from: number): boolean {
  const comma = token.indexOf(',', from);
  const field = token.slice(from, comma < 0 ? undefined : comma);
  return DATE_START_RE.test(field) || (field.length >= 7 && detectType(field) !== null);
}

/** End of a URL starting before `from`: stops at characters URLs never contain raw and at an unbalanced ')'. */
function urlExtent(token: string, from: number): number {
  let depth = 0;
  let i = from;
  if (token[i] === '[') i = Math.max(i, token.indexOf(']', i) + 1); // IPv6 literal host
  for (; i < token.length; i++) {
    const c = token[i] as string;
    if (URL_STOP.has(c)) break;
    if (c === ',' && startsAnotherField(token, i + 1)) break;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  // Trailing punctuation ends the sentence, not the URL. Every ')' still inside closes a '(' of the URL
  // (an unbalanced one stopped the loop above), so it stays.
  while (i > from && token[i - 1] !== ')' && TRIM_END.has(token[i - 1] as string)) i--;
  return i;
}

function scanPieces(segment: string, base: number, prevWord: string, emit: Emit, offsets: Offsets | null, prose: boolean): void {
  if (segment === '') return;
  let offset = 0;
  // Most segments have no weak separator: no regex split, no array.
  for (const raw of WEAK_SEPARATOR_RE.test(segment) ? segment.split(WEAK_SPLIT_RE) : [segment]) {
    const at = segment.indexOf(raw, offset);
    offset = at + raw.length;
    const { s, e } = trimPiece(raw);
    if (e - s < 3 || e - s > MAX_PIECE) continue;
    const piece = raw.slice(s, e);
    const start = base + at + s;
    const f = classifyPiece(piece, prevWord, wasDefanged(offsets, start, start + piece.length), prose);
    // `b.run('cmd …')`, `document.write(`: a name called like a function is code in the report, not a host.
    if (f !== null && e === raw.length && segment[offset] === '(' && (f.type === 'domain' || f.type === 'hostname')) {
      emit(ambiguousUnlessDefanged(f, 'is called like a function: code quoted in the report'), start, start + piece.length);
    } else if (f !== null) emit(f, start, start + piece.length);
    else if (piece.includes(':')) scanColonParts(piece, start, prevWord, emit, offsets, prose);
  }
}

/** `45.61.137.10:8080`, `c2.badhost.top:443`: one colon, then a port. */
const HOST_PORT_RE = /^([^:]+):(\d{1,5})$/;
const NETWORK_TYPES: ReadonlySet<string> = new Set(['ipv4', 'domain', 'hostname']);

// "md5:<hash>", "1.2.3.4:443", "evil.com:8080": retry the parts around colons.
function scanColonParts(piece: string, start: number, prevWord: string, emit: Emit, offsets: Offsets | null, prose: boolean): void {
  // An address or name with its port is a network indicator that keeps the port, as MISP's `ip-dst|port`
  // does and as CSV cells already do (issue #17.4): in prose the port was dropped.
  const hostPort = HOST_PORT_RE.exec(piece);
  if (hostPort !== null) {
    const host = hostPort[1] as string;
    const port = Number(hostPort[2]);
    const t = trimPiece(host);
    const f = t.s === 0 && t.e === host.length && port >= 1 && port <= 65_535 ? classifyPiece(host, prevWord, wasDefanged(offsets, start, start + host.length), prose) : null;
    if (f !== null && NETWORK_TYPES.has(f.type)) return emit({ ...f, port }, start, start + host.length);
  }
  let off = 0;
  for (const part of piece.split(':')) {
    const s = start + off;
    off += part.length + 1;
    const t = trimPiece(part);
    if (t.e - t.s < 3) continue;
    const p = part.slice(t.s, t.e);
    const f = classifyPiece(p, prevWord, wasDefanged(offsets, s + t.s, s + t.e), prose);
    if (f !== null) emit(f, s + t.s, s + t.e);
  }
}

const TRIM_START = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '(', '[', '{', '-', '/', '\\', '#']);

function trimPiece(p: string): { s: number; e: number } {
  let s = 0;
  let e = p.length;
  while (s < e && TRIM_START.has(p[s] as string)) s++;
  while (e > s && (TRIM_END.has(p[e - 1] as string) || p[e - 1] === '\\')) e--;
  return { s, e };
}

/** ±SNIPPET_RADIUS characters of the original line around [start, end), whitespace collapsed. */
export function snippetAround(line: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(line.length, end + SNIPPET_RADIUS);
  const text = line.slice(from, to);
  // Most snippets hold single spaces only: no regex pass then.
  return `${from > 0 ? '…' : ''}${needsCollapse(text) ? text.replace(/\s+/g, ' ').trim() : text}${to < line.length ? '…' : ''}`;
}

/** True when `text` has whitespace other than single inner spaces (what the snippet collapses and trims). */
function needsCollapse(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (text.charCodeAt(0) <= 0x20 || text.charCodeAt(n - 1) <= 0x20) return true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (text.charCodeAt(i + 1) === 0x20) return true;
    } else if (c < 0x20 || (c >= 0x7f && isTokenStop(c))) return true;
  }
  return false;
}
