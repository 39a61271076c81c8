/**
 * Turns what an analyst types into a safe FTS5 MATCH expression: every term becomes a quoted phrase (so
 * FTS5 operators and column filters in the input are plain text), AND-ed; a trailing `*` keeps a prefix
 * search. Terms without a letter or digit produce no token and are dropped; defanged terms are refanged.
 */
import { WorkbenchError } from '../errors';
import { refang } from '../indicators';

/**
 * Prefix terms allowed in one search. Each merges the doclists of every token it covers before the
 * query starts (~80 ms for `k*` on 400k rows), so 150 of them (they fit in the 500-character limit)
 * stalled the core for 12 s (issue #15.5); a real search rarely needs more than three.
 */
export const MAX_PREFIX_TERMS = 8;

/**
 * C0 controls (other than the tab, newline and carriage return that separate pasted terms), DEL and C1
 * controls. FTS5 reads its query as a C string, so a NUL cut the quoted phrase short and failed with an
 * INTERNAL "unterminated string" (issue #15.6).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * The MATCH expression for `text`, or undefined when no term has a letter or digit. Repeated terms
 * count once (FTS5 would evaluate each copy). Throws INVALID_INPUT for a control character or more than
 * MAX_PREFIX_TERMS distinct prefix terms.
 */
export function toFtsMatch(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new WorkbenchError('INVALID_INPUT', `The search text contains a control character (U+${code}); remove it and search again.`);
  }
  const terms = new Map<string, string>();
  let prefixes = 0;
  for (const raw of text.split(/\s+/)) {
    const prefix = raw.length > 1 && raw.endsWith('*');
    // A pasted defanged value (hxxp://pbvzje4[.]top/f15.svg) is searched as the value it stands for:
    // the index holds refanged values, and "hxxp" is a token no value has (issue #17.7).
    const term = refang(prefix ? raw.slice(0, -1) : raw);
    if (!/[\p{L}\p{N}]/u.test(term)) continue;
    // FTS5's unicode61 tokenizer folds case, so "Emotet" and "emotet" are the same term.
    const key = `${term.toLowerCase()}${prefix ? '*' : ''}`;
    if (terms.has(key)) continue;
    if (prefix) prefixes += 1;
    terms.set(key, `"${term.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  }
  if (prefixes > MAX_PREFIX_TERMS) {
    throw new WorkbenchError('INVALID_INPUT', `A search may have at most ${MAX_PREFIX_TERMS} different terms ending in *; it has ${prefixes}.`);
  }
  return terms.size > 0 ? [...terms.values()].join(' ') : undefined;
}
