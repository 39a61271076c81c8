/**
 * MISP attribute types (a warninglist's matching_attributes) -> the vault's indicator types. Composite
 * types (`domain|ip`, `filename|md5`) count for each part. Unknown MISP types apply to nothing here.
 */
import { INDICATOR_TYPES, type IndicatorType } from '../indicators';

const IPS: IndicatorType[] = ['ipv4', 'ipv6', 'cidr'];
const NAMES: IndicatorType[] = ['domain', 'hostname'];

const PART_TYPES: Record<string, IndicatorType[]> = {
  'ip-src': IPS,
  'ip-dst': IPS,
  ip: IPS,
  port: [],
  domain: NAMES,
  hostname: NAMES,
  url: ['url'],
  link: ['url'],
  uri: ['url'],
  email: ['email'],
  'email-src': ['email'],
  'email-dst': ['email'],
  'target-email': ['email'],
  'whois-registrant-email': ['email'],
  md5: ['md5'],
  sha1: ['sha1'],
  sha256: ['sha256'],
  sha512: ['sha512'],
  ssdeep: ['ssdeep'],
  filename: ['filename'],
  AS: ['asn'],
  vulnerability: ['cve'],
  'user-agent': ['user-agent'],
  'ja3-fingerprint-md5': ['ja3', 'ja3s'],
  mutex: ['mutex'],
  regkey: ['registry-key'],
  btc: ['crypto-wallet'],
  xmr: ['crypto-wallet'],
};

/** The indicator types a list with these matching_attributes applies to (all of them when empty). */
export function indicatorTypesFor(matchingAttributes: readonly string[]): Set<IndicatorType> {
  if (matchingAttributes.length === 0) return new Set(INDICATOR_TYPES);
  const types = new Set<IndicatorType>();
  for (const attribute of matchingAttributes) for (const part of attribute.split('|')) for (const t of PART_TYPES[part] ?? []) types.add(t);
  return types;
}
