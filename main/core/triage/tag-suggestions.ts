/**
 * The tags the Tag filter suggests (issue #17.7: the filter had no picker, so `osint` vs `type:OSINT`
 * was guesswork). Spellings that differ only in case are one suggestion, in the spelling most
 * indicators carry, because the filter itself ignores case.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface TagSuggestion {
  tag: string;
  count: number;
}

/** Most-used first; at most `limit` after folding case. Reads idx_indicator_tags__tag in tag order. */
export function listTagSuggestions(db: Database, limit = 500): TagSuggestion[] {
  const rows = db.prepare('SELECT tag, count(*) AS count FROM indicator_tags GROUP BY tag').all() as TagSuggestion[];
  const byFolded = new Map<string, { best: TagSuggestion; count: number }>();
  for (const row of rows) {
    const key = row.tag.toLowerCase();
    const seen = byFolded.get(key);
    if (!seen) byFolded.set(key, { best: row, count: row.count });
    else {
      seen.count += row.count;
      if (row.count > seen.best.count) seen.best = row;
    }
  }
  return [...byFolded.values()]
    .map(({ best, count }) => ({ tag: best.tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .slice(0, limit);
}
