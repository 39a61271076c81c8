import type { IndicatorType } from '../../../preload/contract';

/**
 * The indicator types, for the type filter. The renderer may import only types from the contract, so the
 * list is spelled out here and checked against it: an unknown or a missing type fails to compile.
 */
export const INDICATOR_TYPE_OPTIONS = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'hostname',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'ssdeep',
  'filename',
  'registry-key',
  'mutex',
  'asn',
  'cve',
  'crypto-wallet',
  'user-agent',
  'ja3',
  'ja3s',
] as const satisfies readonly IndicatorType[];
export const INDICATOR_TYPE_OPTIONS_COMPLETE: [Exclude<IndicatorType, (typeof INDICATOR_TYPE_OPTIONS)[number]>] extends [never] ? true : never = true;
