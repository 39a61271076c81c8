/** MISP event JSON and feed-folder parsers. */
export { parseMisp } from './parse-misp';
export type { MispParseOptions } from './parse-misp';
export { parseMispFeedFolder } from './misp-feed-folder';
export { mapMispAttribute, isCompositeMispType } from './misp-type-map';
export type { MispMapping, MispValue } from './misp-type-map';
