/**
 * Refanging (undoing the "defanging" analysts apply so indicators are not clickable) and defanging
 * for display. Every pattern below is a flat alternation of bounded-length alternatives, so one
 * `replace` is a single linear pass: no nested or unbounded quantifiers, no catastrophic backtracking.
 */
import type { IndicatorType } from './indicator-type';

// Zero-width / invisible characters pasted from rich text; they silently split or join tokens.
const INVISIBLE = '[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]';
// hxxp, hXXps, hxtp, h**p, fxp (ftp); only before ':' or a bracketed ':' ("hxxp[:]//"), so prose words
// and host labels spelled the same ("fxp[.]example[.]com") stay untouched.
const SCHEME = '\\b(?:hxxps?|hxtps?|htxps?|h\\*\\*ps?|h__ps?|fxp|fxxp)(?=:|[[(]:)';
// [.] (.) {.} [dot] (dot) {dot}, and the [,] typed for [.], with at most one space either side ("evil [.] com").
const DOT = ' ?(?:[[({](?:\\.|dot)[\\])}]|\\[,\\]) ?';
const AT = ' ?[[({](?:@|at)[\\])}] ?';
const BRACKET_PUNCT = '\\[(?::\\/\\/|:|\\/\\/|\\/)\\]';
const ESCAPED_DOT = '\\\\\\.';
// Word forms are ambiguous in prose, so only `refangValue` (a single known value) uses them.
const WORD_FORMS = ' {1,3}(?:dot|at) {1,3}';

const STRICT_RE = new RegExp(`${INVISIBLE}|${SCHEME}|${DOT}|${AT}|${BRACKET_PUNCT}|${ESCAPED_DOT}`, 'gi');
const LOOSE_RE = new RegExp(`${INVISIBLE}|${SCHEME}|${DOT}|${AT}|${BRACKET_PUNCT}|${ESCAPED_DOT}|${WORD_FORMS}`, 'gi');
// Cheap pre-check: nearly all values contain none of these, and then no replace/allocation happens.
const MAYBE_DEFANGED = /[\u200B-\u200D\u2060\uFEFF\u00AD[({\\]|h[x*_t]|fx| (?:dot|at) /i;

function replaceToken(m: string): string {
  const c = m.charAt(0);
  if (c === 'h' || c === 'H') return m.endsWith('s') || m.endsWith('S') ? 'https' : 'http';
  if (c === 'f' || c === 'F') return 'ftp';
  if (c === '\\') return '.';
  if (m.length === 1) return ''; // invisible character
  const t = m.trim().toLowerCase();
  if (t === '[.]' || t === '[,]' || t === '(.)' || t === '{.}' || t === '[dot]' || t === '(dot)' || t === '{dot}' || t === 'dot') return '.';
  if (t === '[@]' || t === '(@)' || t === '{@}' || t === '[at]' || t === '(at)' || t === '{at}' || t === 'at') return '@';
  return t.slice(1, -1); // [:] [://] [//] [/]
}

/** Refang text in which prose may surround indicators: bracketed and scheme forms only. */
export function refang(text: string): string {
  if (!MAYBE_DEFANGED.test(text)) return text;
  return text.replace(STRICT_RE, replaceToken);
}

/** Refang a single value known to be an indicator: also accepts word forms (`evil dot com`, `a at b dot c`). */
export function refangValue(value: string): string {
  if (!MAYBE_DEFANGED.test(value)) return value;
  return value.replace(LOOSE_RE, replaceToken);
}

/**
 * Refang and keep a map from each output index to its input index, so a scanner working on the
 * refanged line can quote the original text around a match. Finds exactly what STRICT_RE finds (a test
 * holds the two together), by hand: this runs on every line of a report, and the regex pre-check, the
 * match arrays and replaceToken's strings were 8% of reading one.
 */
export function refangWithOffsets(text: string): { text: string; offsets: RefangOffsets | null } {
  let marks = 0;
  let out = '';
  let last = 0;
  const n = text.length;
  for (let p = 0; p < n; p++) {
    const c = text.charCodeAt(p);
    // Most characters of a line start no mark: one table look-up, not markAt's comparisons.
    if (c < 0x80 ? MARK_START[c] === 0 : !isInvisible(c)) continue;
    const length = markAt(text, p);
    if (length === 0) continue;
    out += text.slice(last, p);
    MARKS[marks++] = out.length;
    MARKS[marks++] = p;
    MARKS[marks++] = markText.length;
    MARKS[marks++] = length;
    out += markText;
    last = p + length;
    p = last - 1;
  }
  // Gathered in one array for all lines, then copied at their exact size: a line's own growing array
  // was half of what refanging it allocated.
  if (marks === 0) return { text, offsets: null };
  const offsets = new RefangOffsets(MARKS.slice(0, marks));
  // A freak line of thousands of marks does not keep its scratch space for the life of the process.
  if (marks > 4096) MARKS.length = 0;
  return { text: out + text.slice(last), offsets };
}
const MARKS: number[] = [];

/**
 * Where each index of a refanged text (and its end) was in the text refanged. Kept as the marks
 * replaced, four numbers each (index in the output, index in the input, length written, length read),
 * rather than one number per character: a line's worth of numbers for each defanged line of a report
 * was a quarter of what reading one allocated.
 */
export class RefangOffsets {
  constructor(private readonly marks: readonly number[]) {}

  /** The input index of output index `i`, for 0 <= i <= the output's length. */
  at(i: number): number {
    const marks = this.marks;
    let k = -1;
    for (let j = 0; j < marks.length && (marks[j] as number) <= i; j += 4) k = j;
    if (k < 0) return i;
    const written = (marks[k] as number) + (marks[k + 2] as number);
    // Every character a mark wrote maps onto the mark's start; after it, one for one again.
    return i < written ? (marks[k + 1] as number) : (marks[k + 1] as number) + (marks[k + 3] as number) + i - written;
  }
}

/** ASCII characters a mark may start with: a space before a bracket, a bracket, '\\', and a scheme's h or f. */
const MARK_START = new Uint8Array(0x80);
for (const c of ' [({\\hHfF') MARK_START[c.charCodeAt(0)] = 1;

/** INVISIBLE: zero-width characters and the soft hyphen. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** What the mark markAt last found stands for. */
let markText = '';

/**
 * The length of the STRICT_RE match starting at `p` (0 when none starts there), its replacement left in
 * markText. The alternatives are tried in STRICT_RE's order; each starts with a different character.
 */
function markAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (isInvisible(c)) {
    markText = '';
    return 1;
  }
  const lower = c | 0x20;
  if (lower === 0x68 || lower === 0x66) return p > 0 && isWordCode(text.charCodeAt(p - 1)) ? 0 : schemeAt(text, p, lower === 0x68);
  if (c === 0x20) {
    const mark = bracketedDotOrAt(text, p + 1);
    return mark === 0 ? 0 : mark + 1;
  }
  if (c === 0x5b || c === 0x28 || c === 0x7b) return bracketedDotOrAt(text, p) || (c === 0x5b ? bracketedPunctuation(text, p) : 0);
  if (c === 0x5c && text.charCodeAt(p + 1) === 0x2e) {
    markText = '.';
    return 2;
  }
  return 0;
}

/** SCHEME at `p` (after a word boundary): `hxxp`, `hXXps`, `h**p`, `fxp`, `fxxp`, followed by ':' or a bracketed ':'. */
function schemeAt(text: string, p: number, http: boolean): number {
  let q: number;
  if (http) {
    const a = text.charCodeAt(p + 1);
    const b = text.charCodeAt(p + 2);
    const x = (a | 0x20) === 0x78;
    const middle = (x && ((b | 0x20) === 0x78 || (b | 0x20) === 0x74)) || ((a | 0x20) === 0x74 && (b | 0x20) === 0x78) || (a === 0x2a && b === 0x2a) || (a === 0x5f && b === 0x5f);
    if (!middle) return 0;
    if ((text.charCodeAt(p + 3) | 0x20) !== 0x70) return 0;
    q = p + 4;
    if ((text.charCodeAt(q) | 0x20) === 0x73 && isSchemeEnd(text, q + 1)) {
      markText = 'https';
      return 5;
    }
    markText = 'http';
  } else {
    if ((text.charCodeAt(p + 1) | 0x20) !== 0x78) return 0;
    q = (text.charCodeAt(p + 2) | 0x20) === 0x78 ? p + 3 : p + 2;
    if ((text.charCodeAt(q) | 0x20) !== 0x70) return 0;
    q++;
    markText = 'ftp';
  }
  return isSchemeEnd(text, q) ? q - p : 0;
}

/** ':' or a bracketed ':' (`[:]`, `(:)`) at `q`: a host label spelled like a scheme (`fxp[.]example`) is none. */
function isSchemeEnd(text: string, q: number): boolean {
  const c = text.charCodeAt(q);
  return c === 0x3a || ((c === 0x5b || c === 0x28) && text.charCodeAt(q + 1) === 0x3a);
}

/** DOT or AT without its leading space at `q`: `[.]`, `(dot)`, `[,]`, `{@}`, `[at]`, then one optional space. */
function bracketedDotOrAt(text: string, q: number): number {
  const open = text.charCodeAt(q);
  if (open !== 0x5b && open !== 0x28 && open !== 0x7b) return 0;
  const a = text.charCodeAt(q + 1);
  let length = 0;
  if ((a === 0x2e || a === 0x40) && isClosing(text.charCodeAt(q + 2))) length = 3;
  else if (a === 0x2c && open === 0x5b && text.charCodeAt(q + 2) === 0x5d) length = 3;
  else if ((a | 0x20) === 0x64 && (text.charCodeAt(q + 2) | 0x20) === 0x6f && (text.charCodeAt(q + 3) | 0x20) === 0x74 && isClosing(text.charCodeAt(q + 4))) length = 5;
  else if ((a | 0x20) === 0x61 && (text.charCodeAt(q + 2) | 0x20) === 0x74 && isClosing(text.charCodeAt(q + 3))) length = 4;
  if (length === 0) return 0;
  if (length === 3) markText = a === 0x40 ? '@' : '.';
  // A word between brackets that do not pair (`(dot]`) was read as the word itself, and still is.
  else if (text.charCodeAt(q + length - 1) !== PAIRED_CLOSING[open]) markText = length === 5 ? 'dot' : 'at';
  else markText = length === 5 ? '.' : '@';
  return text.charCodeAt(q + length) === 0x20 ? length + 1 : length;
}

const PAIRED_CLOSING: Readonly<Record<number, number>> = { 0x5b: 0x5d, 0x28: 0x29, 0x7b: 0x7d };

function isClosing(c: number): boolean {
  return c === 0x5d || c === 0x29 || c === 0x7d;
}

/** BRACKET_PUNCT at `q`: `[://]`, `[:]`, `[//]`, `[/]`. */
function bracketedPunctuation(text: string, q: number): number {
  for (const mark of BRACKETED_PUNCTUATION) {
    if (text.startsWith(mark, q)) {
      markText = mark.slice(1, -1);
      return mark.length;
    }
  }
  return 0;
}
const BRACKETED_PUNCTUATION = ['[://]', '[:]', '[//]', '[/]'];

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
}

const DOTS = /\./g;
const SCHEME_LIVE = /^(https?|ftp)(?=:)/i;

/** Defang a canonical value for display or export (`hxxp`, `[.]`, `[@]`); other types are returned as is. */
export function defang(type: IndicatorType, value: string): string {
  switch (type) {
    case 'url': {
      const s = value.replace(SCHEME_LIVE, (m) => (m.toLowerCase() === 'ftp' ? 'fxp' : m.replace(/t/gi, 'x')));
      return s.replace(DOTS, '[.]');
    }
    case 'domain':
    case 'hostname':
    case 'ipv4':
      return value.replace(DOTS, '[.]');
    case 'cidr':
      return value.includes(':') ? value : value.replace(DOTS, '[.]');
    case 'email':
      return value.replace(DOTS, '[.]').replace('@', '[@]');
    default:
      return value;
  }
}
