/**
 * STIX patterns (STIX 2.1 §9) for each indicator type. One equality comparison per pattern, the form
 * every consumer (and our own importer, main/core/ingest/stix/pattern) reads.
 */
import type { IndicatorType } from '../indicators/indicator-type';

/** A STIX string literal body: §9.3 defines only `\'` and `\\` as escapes, so backslashes go first. */
export function escapePatternString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** The pattern for one indicator, written from its canonical value. */
export function indicatorPattern(type: IndicatorType, value: string): string {
  return `[${comparisonFor(type, value)}]`;
}

function comparisonFor(type: IndicatorType, value: string): string {
  const literal = `'${escapePatternString(value)}'`;
  switch (type) {
    case 'ipv4':
      return `ipv4-addr:value = ${literal}`;
    case 'ipv6':
      return `ipv6-addr:value = ${literal}`;
    case 'cidr':
      // §6.4/§6.5: an address object's value may be a CIDR block.
      return `${value.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = ${literal}`;
    case 'domain':
    case 'hostname':
      // STIX has one object for both; the distinction is ours (registrable domain or not).
      return `domain-name:value = ${literal}`;
    case 'url':
      return `url:value = ${literal}`;
    case 'email':
      return `email-addr:value = ${literal}`;
    case 'md5':
      return `file:hashes.MD5 = ${literal}`;
    case 'sha1':
      return `file:hashes.'SHA-1' = ${literal}`;
    case 'sha256':
      return `file:hashes.'SHA-256' = ${literal}`;
    case 'sha512':
      return `file:hashes.'SHA-512' = ${literal}`;
    case 'ssdeep':
      return `file:hashes.SSDEEP = ${literal}`;
    case 'filename':
      return `file:name = ${literal}`;
    case 'registry-key':
      return `windows-registry-key:key = ${literal}`;
    case 'mutex':
      return `mutex:name = ${literal}`;
    case 'asn':
      return `autonomous-system:number = ${asNumber(value)}`;
    case 'cve':
      // No cyber observable names a vulnerability; this is the form OpenCTI and our importer read.
      return `vulnerability:name = ${literal}`;
    case 'crypto-wallet':
      // Not a STIX 2.1 observable: OpenCTI's custom cryptocurrency-wallet, which our importer reads.
      return `cryptocurrency-wallet:value = ${literal}`;
    case 'user-agent':
      // §6.12.2 HTTP request extension: the header as sent.
      return `network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = ${literal}`;
    case 'ja3':
      // STIX 2.1 has no TLS fingerprint property; a custom object keeps the value exact and typed.
      return `x-ja3:value = ${literal}`;
    case 'ja3s':
      return `x-ja3s:value = ${literal}`;
    default:
      return assertNever(type);
  }
}

/** `AS64500` (our canonical form) or `64500` to the integer STIX's autonomous-system:number holds. */
function asNumber(value: string): string {
  const digits = /^(?:AS)?(\d{1,10})$/i.exec(value)?.[1];
  if (digits === undefined) throw new Error(`not an AS number: ${value}`);
  return String(Number(digits));
}

function assertNever(type: never): never {
  throw new Error(`no STIX pattern for indicator type ${String(type)}`);
}
