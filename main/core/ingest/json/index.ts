/** Streaming JSON layer shared by the STIX and MISP parsers. */
export { JsonElementSplitter, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENT_BYTES } from './json-element-splitter';
export type { JsonElement, JsonSplitterOptions } from './json-element-splitter';
export { streamJsonElements } from './stream-json-elements';
export type { StreamJsonOptions } from './stream-json-elements';
export { findInvalidUtf8 } from './utf8-position';
export { NoteTally } from './note-tally';
