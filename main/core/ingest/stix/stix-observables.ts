/**
 * Indicator values of STIX cyber-observable objects (STIX 2.1 §6; the 2.0 part 4 objects are the same
 * shapes). References between observables (network-traffic dst_ref, email-message from_ref) need no
 * resolving here: the referenced object is itself in the bundle (2.1) or in the same `objects`
 * dictionary (2.0) and yields its own value.
 */
import type { IndicatorType } from '../../indicators/indicator-type';
import { domainOrAddress, hashTypeFor } from './pattern/pattern-indicators';

export interface ObservableValue {
  type: IndicatorType;
  value: string;
  typeHint: string;
}

/** Outcome for one observable: its values, or why it has none. */
export type ObservableResult = { values: ObservableValue[] } | { skip: string };

// Observables that only point at others or describe no indicator on their own.
const CONTAINERS: ReadonlySet<string> = new Set(['network-traffic', 'email-message']);

/** Extracts indicator values from one cyber-observable object. */
export function observableValues(object: Record<string, unknown>): ObservableResult {
  const type = object.type;
  const value = object.value;
  const text = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      if (!text) return { skip: `${type} without a string value` };
      return one(text.includes('/') ? 'cidr' : type === 'ipv4-addr' ? 'ipv4' : 'ipv6', text, `${type}:value`);
    case 'domain-name':
      return text ? one(domainOrAddress(text), text, 'domain-name:value') : { skip: 'domain-name without a string value' };
    // OpenCTI's own observables.
    case 'cryptocurrency-wallet':
      return text ? one('crypto-wallet', text, 'cryptocurrency-wallet:value') : { skip: 'cryptocurrency-wallet without a string value' };
    case 'user-agent':
      return text ? one('user-agent', text, 'user-agent:value') : { skip: 'user-agent without a string value' };
    case 'url':
      return text ? one('url', text, 'url:value') : { skip: 'url without a string value' };
    case 'email-addr':
      return text ? one('email', text, 'email-addr:value') : { skip: 'email-addr without a string value' };
    case 'mutex':
      return typeof object.name === 'string' ? one('mutex', object.name, 'mutex:name') : { skip: 'mutex without a name' };
    case 'windows-registry-key':
      return typeof object.key === 'string' ? one('registry-key', object.key, 'windows-registry-key:key') : { skip: 'windows-registry-key without a key' };
    case 'autonomous-system':
      return typeof object.number === 'number' && Number.isInteger(object.number)
        ? one('asn', String(object.number), 'autonomous-system:number')
        : { skip: 'autonomous-system without an integer number' };
    // A certificate's fingerprint is how blocklists (abuse.ch SSLBL) name a malicious certificate.
    case 'file':
    case 'artifact':
    case 'x509-certificate':
      return fileValues(object, type);
    default:
      if (typeof type === 'string' && CONTAINERS.has(type)) return { values: [] };
      return { skip: `observable type ${String(type)} has no indicator type` };
  }
}

function one(type: IndicatorType, value: string, typeHint: string): ObservableResult {
  return { values: [{ type, value, typeHint }] };
}

function fileValues(object: Record<string, unknown>, type: string): ObservableResult {
  const values: ObservableValue[] = [];
  const hashes = object.hashes;
  if (hashes && typeof hashes === 'object' && !Array.isArray(hashes)) {
    for (const [algorithm, hash] of Object.entries(hashes)) {
      const hashType = hashTypeFor(algorithm);
      if (hashType && typeof hash === 'string') values.push({ type: hashType, value: hash, typeHint: `${type}:hashes.'${algorithm}'` });
    }
  }
  if (type === 'file' && typeof object.name === 'string') values.push({ type: 'filename', value: object.name, typeHint: 'file:name' });
  return values.length > 0 ? { values } : { skip: `${type} without a known hash${type === 'file' ? ' or a name' : ''}` };
}
