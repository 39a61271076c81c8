/**
 * Turns what an analyst types into a safe FTS5 MATCH expression: every term becomes a quoted phrase (so
 * FTS5 operators and column filters in the input are plain text), AND-ed. A term finds the tokens it
 * begins ("SocGh" finds SocGholish, "ransom" Ransomware: issue #17.7), as a trailing `*` asked for before,
 * unless it is typed in double quotes; a term is also looked for inside source names (SearchTerm.name). Terms without a letter or digit
 * produce no token and are dropped; defanged terms are refanged.
 */
import { WorkbenchError } from '../errors';
import { refang } from '../indicators';

/**
 * Prefix terms allowed in one search. Each merges the doclists of every token it covers before the
 * query starts (~80 ms for `k*` on 400k rows), so 150 of them (they fit in the 500-character limit)
 * stalled the core for 12 s (issue #15.5); a real search rarely needs more than three. Terms typed
 * without `*` become prefixes only within this budget (the rest are matched as whole tokens).
 */
export const MAX_PREFIX_TERMS = 8;

/**
 * A term typed without `*` finds longer tokens only when its last token has at least this many letters
 * or digits: `7*` or `a*` would merge the doclists of a large share of all tokens (tens of ms each), for
 * a search that rarely means "everything starting with 7".
 */
export const IMPLICIT_PREFIX_MIN = 3;

/** Terms shorter than this (letters and digits) are not looked for inside source names. */
export const NAME_TERM_MIN = 3;

/**
 * C0 controls (other than the tab, newline and carriage return that separate pasted terms), DEL and C1
 * controls. FTS5 reads its query as a C string, so a NUL cut the quoted phrase short and failed with an
 * INTERNAL "unterminated string" (issue #15.6).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** One term of a search. */
export interface SearchTerm {
  /** The term's own MATCH expression: a quoted phrase, `*` when it is a prefix. */
  match: string;
  /**
   * A LIKE pattern (escape `\`) finding the term inside a source name, or undefined for a short or a
   * quoted term (a quoted term is that whole word only).
   * Source names are not in the full-text index: they are few (one per imported file), so a substring
   * scan of them costs nothing, where indexing them would write the name into every indicator's row.
   */
  name?: string;
}

export interface SearchText {
  /** Every term AND-ed, as one MATCH expression. */
  match: string;
  terms: SearchTerm[];
}

/**
 * The terms of `text`, or undefined when no term has a letter or digit. Repeated terms count once
 * (FTS5 would evaluate each copy). Throws INVALID_INPUT for a control character or more than
 * MAX_PREFIX_TERMS distinct terms ending in `*`.
 */
export function parseSearchText(text: string): SearchText | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new WorkbenchError('INVALID_INPUT', `The search text contains a control character (U+${code}); remove it and search again.`);
  }
  // FTS5's unicode61 tokenizer folds case, so "Emotet" and "emotet" are the same term; a copy with `*`
  // makes the term a prefix.
  const terms = new Map<string, { term: string; explicit: boolean; exact: boolean }>();
  for (const raw of text.split(/\s+/)) {
    const explicit = raw.length > 1 && raw.endsWith('*');
    // A term in double quotes ("emotet") is a whole token only: the way to ask for exactly that word.
    const exact = !explicit && raw.length > 2 && raw.startsWith('"') && raw.endsWith('"');
    // A pasted defanged value (hxxp://pbvzje4[.]top/f15.svg) is searched as the value it stands for:
    // the index holds refanged values, and "hxxp" is a token no value has (issue #17.7).
    const term = refang(explicit ? raw.slice(0, -1) : exact ? raw.slice(1, -1) : raw);
    if (!/[\p{L}\p{N}]/u.test(term)) continue;
    const key = term.toLowerCase();
    const seen = terms.get(key);
    if (seen) {
      seen.explicit ||= explicit;
      seen.exact &&= exact;
    } else {
      terms.set(key, { term, explicit, exact });
    }
  }
  const explicitCount = [...terms.values()].filter((t) => t.explicit).length;
  if (explicitCount > MAX_PREFIX_TERMS) {
    throw new WorkbenchError('INVALID_INPUT', `A search may have at most ${MAX_PREFIX_TERMS} different terms ending in *; it has ${explicitCount}.`);
  }
  if (terms.size === 0) return undefined;
  let implicitBudget = MAX_PREFIX_TERMS - explicitCount;
  const out: SearchTerm[] = [];
  for (const { term, explicit, exact } of terms.values()) {
    const lastToken = /[\p{L}\p{N}]+(?=[^\p{L}\p{N}]*$)/u.exec(term)?.[0] ?? '';
    let prefix = explicit;
    if (!explicit && !exact && implicitBudget > 0 && [...lastToken].length >= IMPLICIT_PREFIX_MIN) {
      prefix = true;
      implicitBudget -= 1;
    }
    const letters = term.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    out.push({
      match: `"${term.replaceAll('"', '""')}"${prefix ? '*' : ''}`,
      ...(letters >= NAME_TERM_MIN && !exact ? { name: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } : {}),
    });
  }
  return { match: out.map((t) => t.match).join(' '), terms: out };
}

/** The MATCH expression for `text` (see parseSearchText), or undefined when no term has a letter or digit. */
export function toFtsMatch(text: string): string | undefined {
  return parseSearchText(text)?.match;
}
