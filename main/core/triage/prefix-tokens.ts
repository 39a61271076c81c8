/**
 * The walk's form of a search whose terms are prefixes (queue-search). FTS5 answers `"example"*` by
 * first merging the doclists of every token the prefix covers, in every query: each probe of the walk
 * and each batch's scan pay it again, so a common term typed without `*` made the first page of its
 * walk 5-9 times slower (40k matches in 200k rows: 9 -> 84 ms by confidence). Most typed terms are whole
 * tokens already, or begin a handful of others, so here each prefix is rewritten as the tokens it covers,
 * OR-ed: the same rows, as whole-token queries a probe can answer cheaply. The tokens come from the
 * index's vocabulary table (migration 0140).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SearchText, SearchTerm } from './fts-match';

/** A prefix covering more tokens than this stays a prefix. */
const MAX_TOKENS = 8;
/** Above every character a token can hold, so [t, t + TOP) holds exactly the tokens beginning with t. */
const TOP = '\u{10FFFF}';

interface Expansions {
  dataVersion: number;
  changes: number;
  terms: Map<string, SearchTerm>;
}

const cache = new WeakMap<Database, Expansions>();

/**
 * `search` with each prefix term replaced by the whole tokens it covers when they are few. Which tokens
 * exist changes with every write, so the answers are kept only while neither this connection
 * (total_changes) nor another (data_version) has written.
 */
export function expandPrefixTerms(db: Database, search: SearchText): SearchText {
  if (!search.terms.some((term) => term.match.endsWith('*'))) return search;
  const terms = search.terms.map((term) => (term.match.endsWith('*') ? expandTerm(db, term) : term));
  return { match: terms.map((term) => term.match).join(' '), terms };
}

function expandTerm(db: Database, term: SearchTerm): SearchTerm {
  const known = expansions(db);
  const hit = known.terms.get(term.match);
  if (hit) return hit;
  const expanded = lookUp(db, term) ?? term;
  known.terms.set(term.match, expanded);
  return expanded;
}

function expansions(db: Database): Expansions {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  const known = cache.get(db);
  if (known && known.dataVersion === dataVersion && known.changes === changes) return known;
  const fresh: Expansions = { dataVersion, changes, terms: new Map() };
  cache.set(db, fresh);
  return fresh;
}

/**
 * The OR of the phrases the prefix covers, or undefined to keep the prefix (too many tokens, or a last
 * token the tokenizer may fold in ways this lookup does not: only ASCII letters and digits are looked up).
 */
function lookUp(db: Database, term: SearchTerm): SearchTerm | undefined {
  const phrase = term.match.slice(1, -2);
  const last = /[A-Za-z0-9]+$/.exec(phrase)?.[0];
  if (!last) return undefined;
  const head = phrase.slice(0, phrase.length - last.length);
  // "cafébar": the token is "cafebar", not "bar".
  if (/[\p{L}\p{N}]$/u.test(head)) return undefined;
  const token = last.toLowerCase();
  // Strictly above the token itself: a seek at `token` would read the token's own doclist (the whole
  // cost this avoids) only to learn how many rows hold it.
  const others = db
    .prepare('SELECT term FROM indicator_search_vocabulary WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(`${token}\u0000`, `${token}${TOP}`, MAX_TOKENS) as string[];
  if (others.length >= MAX_TOKENS) return undefined;
  const phrases = [token, ...others].map((t) => `"${head}${t}"`);
  return { ...term, match: phrases.length === 1 ? phrases[0]! : `(${phrases.join(' OR ')})` };
}
