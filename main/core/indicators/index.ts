/** Public surface of the Indicator model. */
export { INDICATOR_TYPES, INDICATOR_FLAGS, isIndicatorType } from './indicator-type';
export type { IndicatorType, IndicatorFlag } from './indicator-type';
export { refang, refangValue, refangWithOffsets, defang } from './refang';
export { canonicalize, canonicalizeUntyped } from './canonicalize';
export type { CanonicalResult } from './canonical-result';
export { detectType, detectName } from './detect-type';
export { registrableDomain, FILE_EXTENSION_TLDS, isFileLikeName } from './domain-name';
export { hashTypeForHex, isSsdeep } from './canonical-hash';
export { isStrictIpv4 } from './canonical-network';
export { normalizeWallet, hasValidWalletChecksum } from './crypto-wallet';
export { typeFromSourceName, isKnownTypeName, normalizeTypeName } from './source-type-name';
export { parseIpRange, ipv4ToNumber, ipv6ToBigInt } from './ip-ranges';
export type { IpRange, Ipv4Range, Ipv6Range } from './ip-ranges';
export { correlationKeys } from './correlation-keys';
export type { CorrelationKeys } from './correlation-keys';
