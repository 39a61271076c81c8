/** Canonical forms for file hashes, fuzzy hashes and TLS fingerprints. */
import { accept, refuse, type CanonicalResult } from './canonical-result';
import type { IndicatorType } from './indicator-type';

const HEX_RE = /^[0-9a-f]+$/;
// blocksize:hash:hash, optionally followed by ,"filename" as the ssdeep tool prints it.
const SSDEEP_RE = /^([1-9]\d{0,9}):([A-Za-z0-9/+]{1,64}):([A-Za-z0-9/+]{1,64})(?:,"[^"]*")?$/;

/** Expected hex length of each fixed-length hash type. */
export const HASH_HEX_LENGTH: Readonly<Partial<Record<IndicatorType, number>>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
  ja3: 32,
  ja3s: 32,
};

/** Hash type for a hex string by its length (md5/sha1/sha256/sha512), or null. */
export function hashTypeForHex(hex: string): 'md5' | 'sha1' | 'sha256' | 'sha512' | null {
  if (!HEX_RE.test(hex)) return null;
  switch (hex.length) {
    case 32:
      return 'md5';
    case 40:
      return 'sha1';
    case 64:
      return 'sha256';
    case 128:
      return 'sha512';
    default:
      return null;
  }
}

/** True when the value has the ssdeep `blocksize:hash:hash` shape. */
export function isSsdeep(value: string): boolean {
  const m = SSDEEP_RE.exec(value);
  return m !== null && isBlockSize(Number(m[1]));
}

// ssdeep block sizes are 3 * 2^n (ssdeep's MIN_BLOCKSIZE doubling).
function isBlockSize(n: number): boolean {
  if (n % 3 !== 0) return false;
  const q = n / 3;
  return q > 0 && (q & (q - 1)) === 0;
}

/** Canonical hex hash: lower-case, hex only, exact length for the type. */
export function canonicalHexHash(type: IndicatorType, raw: string, length: number): CanonicalResult {
  const v = raw.toLowerCase();
  if (!HEX_RE.test(v)) return refuse(`${type} must be hexadecimal`);
  if (v.length !== length) return refuse(`${type} must be ${length} hex characters, got ${v.length}`);
  return accept(type, v);
}

/** Canonical ssdeep: `blocksize:hash:hash` as written (base64 is case-sensitive), filename suffix dropped. */
export function canonicalSsdeep(v: string): CanonicalResult {
  const m = SSDEEP_RE.exec(v);
  if (m === null) return refuse('ssdeep must be blocksize:hash:hash');
  if (!isBlockSize(Number(m[1]))) return refuse('ssdeep block size must be 3 * 2^n');
  return accept('ssdeep', `${m[1]}:${m[2]}:${m[3]}`);
}
