/** The STIX 2.1 writer: deterministic ids, patterns, TLP markings and object builders. */
export { LIAISON_STIX_NAMESPACE, stixId, uuidV5 } from './stix-id';
export { escapePatternString, indicatorPattern } from './indicator-pattern';
export { TLP2_EXTENSION_DEFINITION_ID, tlp1MarkingId, tlp2MarkingId, tlpMarkingDefinitions, tlpMarkingRefs } from './tlp-marking-definitions';
export type { StixMarkingDefinition } from './tlp-marking-definitions';
export { attackUrl, stixAttackPattern, stixBundle, stixIdentity, stixIndicator, stixIndicatorId, stixReport, stixTimestamp } from './stix-objects';
export type {
  StixAttackPatternInput, StixBundle, StixExternalReference, StixIdentityInput, StixIndicatorInput, StixIndicatorType, StixObject, StixReportInput,
} from './stix-objects';
