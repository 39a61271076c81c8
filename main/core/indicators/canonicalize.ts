/** Single entry point from (type, raw value) to the canonical identity of an indicator. */
import { canonicalHexHash, canonicalSsdeep, HASH_HEX_LENGTH } from './canonical-hash';
import { canonicalAsn, canonicalCve, canonicalRegistryKey, canonicalText, canonicalWallet } from './canonical-misc';
import { canonicalNetwork } from './canonical-network';
import { refuse, type CanonicalResult } from './canonical-result';
import { detectType } from './detect-type';
import { isFileNameNotDomain } from './file-name-shape';
import type { IndicatorType } from './indicator-type';
import { refangValue } from './refang';

export type { CanonicalResult } from './canonical-result';

const INVISIBLE_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const HAS_INVISIBLE_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const MAX_VALUE = 8192;
/**
 * Whitespace and invisible format characters (bidi marks, zero-width spaces, BOM) at either end: values
 * copied from documents and web pages carry them (Sophos' 3CX list ends a URL with " \u200e"), and
 * inside a URL they would be percent-encoded into a different indicator.
 */
const EDGES_RE = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/** Where a web page cut a long value short (see canonicalize). */
const ELLIPSIS = '\u2026';
const ELLIPSIS_ENCODED = '%E2%80%A6';

/**
 * Canonicalise a raw value of a known type. Network types are refanged first; hash-like types have
 * invisible characters removed; free-form types (mutex, filename, user-agent, registry
 * key) are only trimmed, because brackets and dots there are part of the value.
 * canonicalize(t, canonical.value) returns the same value (idempotent).
 */
export function canonicalize(type: IndicatorType, raw: string): CanonicalResult {
  if (raw.length > MAX_VALUE) return refuse(`value longer than ${MAX_VALUE} characters`);
  switch (type) {
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
    case 'domain':
    case 'hostname':
    case 'url':
    case 'email':
      // Lists copied from a web page keep the page's ellipsis where it cut a long URL: such a value
      // matches nothing, and its real end is lost.
      if (raw.includes(ELLIPSIS) || raw.includes(ELLIPSIS_ENCODED)) return refuse('truncated: the source cut the value short ("…")');
      // A name typed as a domain that ends in an undelegated file extension is the file (issue #17.4).
      if ((type === 'domain' || type === 'hostname') && isFileNameNotDomain(trimEdges(raw))) return canonicalText('filename', trimEdges(raw));
      return canonicalNetwork(type, trimEdges(refangValue(trimEdges(raw)))) as CanonicalResult;
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
    case 'ja3':
    case 'ja3s':
      return canonicalHexHash(type, compact(raw), HASH_HEX_LENGTH[type] as number);
    case 'ssdeep':
      return canonicalSsdeep(compact(raw));
    case 'asn':
      return canonicalAsn(compact(raw));
    case 'cve':
      return canonicalCve(trimEdges(raw.replace(INVISIBLE_RE, '')));
    case 'crypto-wallet':
      return canonicalWallet(compact(raw));
    case 'registry-key':
      return canonicalRegistryKey(trimEdges(raw));
    case 'user-agent':
    case 'mutex':
    case 'filename':
      return canonicalText(type, trimEdges(raw));
  }
}

/** Detect the type of an untyped value, then canonicalise it. */
export function canonicalizeUntyped(raw: string): CanonicalResult {
  const type = detectType(raw);
  if (type === null) return refuse('unrecognised indicator');
  return canonicalize(type, raw);
}

function trimEdges(raw: string): string {
  // Most values start and end with a printable ASCII character: nothing to trim, no regex to run.
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return raw;
  return raw.replace(EDGES_RE, '');
}

function compact(raw: string): string {
  const v = trimEdges(raw);
  return HAS_INVISIBLE_RE.test(v) ? v.replace(INVISIBLE_RE, '') : v;
}
