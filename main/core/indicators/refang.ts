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
 * refanged line can quote the original text around a match.
 */
export function refangWithOffsets(text: string): { text: string; offsets: number[] | null } {
  if (!MAYBE_DEFANGED.test(text)) return { text, offsets: null };
  // A plain array of small integers: this runs on every defanged line of a report, and a typed array of
  // a line's length is a separate allocation outside the heap each time.
  const offsets: number[] = [];
  let out = '';
  let last = 0;
  STRICT_RE.lastIndex = 0;
  for (let m = STRICT_RE.exec(text); m !== null; m = STRICT_RE.exec(text)) {
    for (let i = last; i < m.index; i++) offsets.push(i);
    out += text.slice(last, m.index);
    const rep = replaceToken(m[0]);
    for (let i = 0; i < rep.length; i++) offsets.push(m.index);
    out += rep;
    last = m.index + m[0].length;
  }
  if (last === 0) return { text, offsets: null };
  for (let i = last; i < text.length; i++) offsets.push(i);
  offsets.push(text.length);
  return { text: out + text.slice(last), offsets };
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
