/** MISP warninglists: load from a folder, store versioned in the vault, flag matching indicators. */
export { parseWarninglist, WARNINGLIST_TYPES } from './warninglist-file';
export type { WarninglistFile, WarninglistType } from './warninglist-file';
export { readWarninglistFolder } from './read-warninglist-folder';
export type { FolderRead } from './read-warninglist-folder';
export { setWarninglistCategory, storeWarninglists } from './warninglist-writes';
export { categoryField, classifyWarninglist, knownKind, suggestedStatusFor, WARNINGLIST_CATEGORIES } from './warninglist-category';
export type { CategorySource, WarninglistCategory } from './warninglist-category';
export type { LoadResult, LoadedList } from './warninglist-writes';
export { matchIndicators, loadListMatchers, matchValue } from './match-indicators';
export type { MatchResult } from './match-indicators';
export { listWarninglists, listHitsForIndicator, matchAgainstWarninglists, suggestStatus } from './warninglist-reads';
export type { WarninglistSummary, WarninglistHit } from './warninglist-reads';
export { compileList, urlHost } from './list-matcher';
export type { ListMatcher, CompilableList } from './list-matcher';
export { parseIpRange, ipv4ToNumber, ipv6ToBigInt } from '../indicators';
