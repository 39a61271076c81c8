/**
 * The core's closed vocabulary of indicator types (main/core/indicators/indicator-type.ts), for the type filter.
 * The contract carries the type as a string, so a type missing here still lists; it just cannot be filtered on.
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
] as const;
