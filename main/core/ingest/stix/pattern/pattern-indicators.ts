/**
 * Maps the comparisons of a parsed STIX pattern to indicator values. Only positive equality (`=` and
 * each member of `IN`) says "this value is bad", and `ISSUBSET` on an address, which says "any address
 * in this network is bad": that is the network, a cidr indicator. `!=`, `NOT`, ordering, LIKE, MATCHES
 * and the other set uses describe ranges or fuzzy matches and are reported as skipped, never imported.
 */
import type { IndicatorType } from '../../../indicators/indicator-type';
import { listComparisons } from './pattern-ast';
import type { FlatComparison, ObservationExpression, PathStep, PatternLiteral } from './pattern-ast';
import { formatObjectPath } from './pattern-ast';

export interface PatternIndicator {
  type: IndicatorType;
  value: string;
  /** The object path the value came from, e.g. `file:hashes.'SHA-256'`. */
  typeHint: string;
}

export interface SkippedComparison {
  typeHint: string;
  reason: string;
  value?: string;
}

/** Extracts indicator values and the comparisons it left out, from a parsed pattern. */
export function extractPatternIndicators(pattern: ObservationExpression): { indicators: PatternIndicator[]; skipped: SkippedComparison[] } {
  const indicators: PatternIndicator[] = [];
  const skipped: SkippedComparison[] = [];
  for (const comparison of listComparisons(pattern)) {
    const typeHint = formatObjectPath(comparison.path);
    const operatorProblem = describeOperator(comparison);
    const values = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
    if (operatorProblem) {
      skipped.push({ typeHint, reason: operatorProblem, value: values.map(literalText).join(', ') });
      continue;
    }
    // `network-traffic:src_ref.type = 'ipv4-addr'` says what the ref is; the value beside it is the indicator.
    if (isRefTypeQualifier(comparison.path.steps)) continue;
    const mapping = mapObjectPath(comparison.path.objectType, comparison.path.steps);
    for (const literal of values) {
      const text = literalText(literal);
      if (typeof mapping === 'string') {
        skipped.push({ typeHint, reason: mapping, value: text });
        continue;
      }
      const type = mapping(text);
      if (type && comparison.operator === 'ISSUBSET' && !ADDRESS_TYPES.has(type)) skipped.push({ typeHint, reason: 'ISSUBSET of something that is not a network', value: text });
      else if (type) indicators.push({ type, value: text, typeHint });
      else skipped.push({ typeHint, reason: `value does not fit ${typeHint}`, value: text });
    }
  }
  return { indicators, skipped };
}

/** The property names of a path; list indexes (`[*]`, `[0]`) do not change what a value is. */
function propertyNames(steps: readonly PathStep[]): string[] {
  return steps.flatMap((s) => (s.kind === 'property' ? [s.name] : []));
}

function isRefTypeQualifier(steps: readonly PathStep[]): boolean {
  const names = propertyNames(steps);
  return names.length >= 2 && names.at(-1) === 'type' && /_refs?$/.test(names.at(-2)!);
}

function describeOperator(comparison: FlatComparison): string | undefined {
  if (comparison.negated) return `NOT ${comparison.operator} describes what does not match; not an indicator`;
  if (comparison.operator === '=' || comparison.operator === 'IN') return undefined;
  if (comparison.operator === 'ISSUBSET' && ADDRESS_PATHS.has(formatObjectPath(comparison.path))) return undefined;
  if (comparison.operator === '!=') return '!= describes what does not match; not an indicator';
  if (comparison.operator === 'LIKE' || comparison.operator === 'MATCHES') return `${comparison.operator} is a fuzzy match; not a single indicator value`;
  return `${comparison.operator} compares a range; not an indicator value`;
}

function literalText(literal: PatternLiteral): string {
  if (literal.kind === 'int' || literal.kind === 'float') return literal.text;
  return String(literal.value);
}

type Classifier = (value: string) => IndicatorType | undefined;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const always = (type: IndicatorType): Classifier => () => type;
const ipv4: Classifier = (v) => (v.includes('/') ? 'cidr' : 'ipv4');
const ipv6: Classifier = (v) => (v.includes('/') ? 'cidr' : 'ipv6');
/** network-traffic refs may point at ipv4-addr, ipv6-addr or domain-name: decide by the value's shape. */
const addressOrName: Classifier = (v) => {
  const host = v.split('/')[0]!;
  if (IPV4.test(host)) return ipv4(v);
  if (host.includes(':')) return ipv6(v);
  return /^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$|^xn--/.test(v) ? 'domain' : undefined;
};

/**
 * A domain-name that holds an address is that address: MVT's indicator files (Amnesty, Citizen Lab)
 * write C2 addresses as `domain-name:value`. Against §6.3, but what the value is leaves no doubt.
 */
export const domainOrAddress = (v: string): IndicatorType => (IPV4.test(v) ? 'ipv4' : /^[0-9a-f]*:[0-9a-f:.]*$/i.test(v) ? 'ipv6' : 'domain');

// STIX 2.1 §10.1 hash algorithm vocabulary, plus the unhyphenated spellings STIX 2.0 producers use.
const HASH_TYPES: Record<string, IndicatorType> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', SSDEEP: 'ssdeep' };

/** The indicator type for a hash algorithm name from a STIX `hashes` dictionary key. */
export function hashTypeFor(algorithm: string): IndicatorType | undefined {
  return HASH_TYPES[algorithm.toUpperCase().replace(/[-_]/g, '')];
}

/** Paths whose value is an IP address: `ISSUBSET '198.51.100.0/24'` on them names a network. */
const ADDRESS_PATHS: ReadonlySet<string> = new Set(['ipv4-addr:value', 'ipv6-addr:value', 'network-traffic:src_ref.value', 'network-traffic:dst_ref.value']);

const ADDRESS_TYPES: ReadonlySet<IndicatorType> = new Set(['ipv4', 'ipv6', 'cidr']);

const NAME_PATHS: Record<string, Classifier> = {
  'ipv4-addr:value': ipv4,
  'ipv6-addr:value': ipv6,
  'domain-name:value': domainOrAddress,
  'url:value': always('url'),
  'email-addr:value': always('email'),
  'email-message:from_ref.value': always('email'),
  'email-message:sender_ref.value': always('email'),
  'email-message:to_refs.value': always('email'),
  'email-message:cc_refs.value': always('email'),
  'email-message:bcc_refs.value': always('email'),
  'file:name': always('filename'),
  'windows-registry-key:key': always('registry-key'),
  'mutex:name': always('mutex'),
  // Not STIX 2.1 objects, but what OpenCTI, Elastic and MVT write for these (file:path is a full path).
  'cryptocurrency-wallet:value': always('crypto-wallet'),
  'user-agent:value': always('user-agent'),
  // STIX 2.1 has no TLS fingerprint property; Liaison's writer (main/core/stix) uses these custom objects.
  'x-ja3:value': always('ja3'),
  'x-ja3s:value': always('ja3s'),
  'file:path': always('filename'),
  'autonomous-system:number': (v) => (/^\d+$/.test(v) ? 'asn' : undefined),
  'network-traffic:src_ref.value': addressOrName,
  'network-traffic:dst_ref.value': addressOrName,
  // What a name resolved to: an address (or, for a CNAME, another name).
  'domain-name:resolves_to_refs.value': addressOrName,
  'network-traffic:extensions.http-request-ext.request_header.User-Agent': always('user-agent'),
  'vulnerability:name': always('cve'),
};

/** Objects whose `hashes` are indicators: files, artifacts, and certificates by their fingerprint (SSLBL). */
const HASHED_OBJECTS: ReadonlySet<string> = new Set(['file', 'artifact', 'x509-certificate']);

/** Returns a classifier for the path, or the reason it maps to no indicator type. */
function mapObjectPath(objectType: string, steps: PathStep[]): Classifier | string {
  // List indexes ([*], [0]) do not change what a value is: email-message:to_refs[*].value is an email.
  const names = propertyNames(steps);
  if (HASHED_OBJECTS.has(objectType) && names[0] === 'hashes' && names.length === 2) {
    const type = hashTypeFor(names[1]!);
    return type ? always(type) : `hash algorithm ${names[1]} has no indicator type`;
  }
  const key = `${objectType}:${names.join('.')}`;
  const classifier = NAME_PATHS[key];
  if (classifier) return classifier;
  if (objectType === 'x509-certificate') return 'x509 certificate properties other than its hashes are not imported as indicators';
  return 'no indicator type';
}
