/**
 * Turns what an analyst types into a safe FTS5 MATCH expression: every term becomes a quoted phrase (so
 * FTS5 operators and column filters in the input are plain text), AND-ed; a trailing `*` keeps a prefix
 * search. Terms without a letter or digit produce no token and are dropped.
 */
export function toFtsMatch(text: string): string | undefined {
  const terms: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const prefix = raw.length > 1 && raw.endsWith('*');
    const term = prefix ? raw.slice(0, -1) : raw;
    if (!/[\p{L}\p{N}]/u.test(term)) continue;
    terms.push(`"${term.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  }
  return terms.length > 0 ? terms.join(' ') : undefined;
}
