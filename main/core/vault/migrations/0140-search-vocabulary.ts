import type { Migration } from './migration';

/**
 * The full-text index's tokens as a table (issue #17.7). A search term now finds the words it begins;
 * the queue's walk rewrites such a prefix as the few whole tokens it covers (triage/prefix-tokens.ts),
 * and reads them here. An fts5vocab table stores nothing: it reads indicator_search's own index, so
 * this costs imports nothing and needs no rebuild. It lives in the main schema, not in temp, because the
 * app reads through a query_only connection, which may not create even a temp table.
 */
export const migration0140SearchVocabulary: Migration = {
  version: 140,
  name: 'search-vocabulary',
  up(db) {
    db.exec("CREATE VIRTUAL TABLE indicator_search_vocabulary USING fts5vocab(indicator_search, 'row')");
  },
};
