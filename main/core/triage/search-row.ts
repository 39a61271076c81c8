import type { IndicatorEntry } from '../vault/queries/indicator-writes';

/** The four columns of an indicator_search row: value (and display), notes, tags, context. */
export type SearchRow = [value: string, notes: string, tags: string, context: string];

/**
 * The search row of an indicator an import has just created, built from what the import wrote for it,
 * so the index is filled as rows are written instead of by reading a million rows back (and decrypting
 * their pages again) at the end. It holds the same text, in the same order, as the SQL of
 * search-index.ts builds from the tables: value and display; tags in the table's order (sorted, each
 * once); context rows as the table keeps them (by kind, name, ref; duplicates dropped) as "name detail",
 * then the sighting's comment and snippet. A new indicator has no notes and one sighting.
 */
export function searchRowOf(entry: IndicatorEntry): SearchRow {
  const { indicator } = entry;
  const value = indicator.display ? `${indicator.value} ${indicator.display}` : indicator.value;
  const tags = entry.tags?.length ? [...new Set(entry.tags)].sort(byCodeUnits).join(' ') : '';
  const parts: string[] = [];
  if (entry.context?.length) {
    const seen = new Set<string>();
    const rows = entry.context
      .map((c) => ({ kind: c.kind, name: c.name, ref: c.ref ?? '', detail: c.detail ?? '' }))
      .filter((c) => {
        const key = `${c.kind}\u0000${c.name}\u0000${c.ref}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.name, b.name) || byCodeUnits(a.ref, b.ref));
    for (const row of rows) parts.push(`${row.name} ${row.detail}`);
  }
  if (indicator.comment !== null) parts.push(indicator.comment);
  if (indicator.snippet !== null) parts.push(indicator.snippet);
  return [value, '', tags, parts.join(' ').trim()];
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
