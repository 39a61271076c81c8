/** STIX 2.0/2.1 parser, its pattern language, and TLP markings. */
export { parseStix } from './parse-stix';
export type { StixParseOptions } from './parse-stix';
export type { IngestContextUpdate, StixIngestItem } from './context-update';
export { TLP_MARKING_IDS, TLP2_EXTENSION_ID, interpretMarkingDefinition, mostRestrictiveTlp, parseTlpWord } from './tlp-markings';
export { writeSyntheticStixBundle } from './synthetic-bundle';
export * from './pattern/index';
