/**
 * Cryptocurrency address formats seen in ransomware notes, extortion mail and fraud reports: Bitcoin
 * base58check (P2PKH/P2SH) and bech32/bech32m (BIP 173/350), Ethereum 0x + 40 hex, Litecoin, Dogecoin,
 * Dash and Tron base58check, Litecoin bech32, Bitcoin Cash cashaddr, XRP (Ripple's base58 alphabet) and
 * Monero (its block-wise base58 with a Keccak-256 checksum). Bitcoin's checksum is verified by
 * `hasValidWalletChecksum` (callers decide when a typo'd address is still worth keeping); the other
 * formats are only recognised with a valid checksum, so words in a report cannot pass for them.
 */
import { keccak_256 } from '@noble/hashes/sha3';
import { createHash } from 'node:crypto';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const RIPPLE_ALPHABET = 'rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz';
const BASE58_RE = /^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BECH32_RE = /^(bc|tb)1[ac-hj-np-z02-9]{8,87}$/;
const LTC_BECH32_RE = /^ltc1[ac-hj-np-z02-9]{8,87}$/;
const ETH_RE = /^0x[0-9a-f]{40}$/;
/** Litecoin (L, M), Dogecoin (D, A, 9), Dash (X, 7), Tron (T): base58check with one version byte. */
const ALTCOIN_BASE58_RE = /^[LMDA9X7T][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const XRP_RE = /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/;
const MONERO_RE = /^[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?$/;
const CASHADDR_RE = /^(?:bitcoincash:)?[qp][ac-hj-np-z02-9]{41}$/;
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** Version bytes of the altcoin base58check formats above. */
const ALTCOIN_VERSIONS: ReadonlySet<number> = new Set([0x30, 0x32, 0x05, 0x1e, 0x16, 0x4c, 0x10, 0x41]);

export type WalletKind = 'btc-base58' | 'btc-bech32' | 'eth' | 'altcoin-base58' | 'ltc-bech32' | 'bch-cashaddr' | 'xrp' | 'xmr';

/**
 * Canonical wallet text: bech32, cashaddr (with its `bitcoincash:` prefix) and Ethereum lower-cased
 * (case-insensitive formats), base58 as is.
 */
export function normalizeWallet(raw: string): { kind: WalletKind; value: string } | null {
  const v = raw.toLowerCase().startsWith('bitcoin:') ? raw.slice(8) : raw;
  const lower = v.toLowerCase();
  if (ETH_RE.test(lower)) return { kind: 'eth', value: lower };
  // BIP 173: mixed case is invalid, all-upper is allowed (QR codes). The same holds for cashaddr.
  const oneCase = v === lower || v === v.toUpperCase();
  if (oneCase && BECH32_RE.test(lower)) return { kind: 'btc-bech32', value: lower };
  if (BASE58_RE.test(v)) return { kind: 'btc-base58', value: v };
  if (oneCase && LTC_BECH32_RE.test(lower) && bech32Checksum(lower)) return { kind: 'ltc-bech32', value: lower };
  if (oneCase && CASHADDR_RE.test(lower)) {
    const value = lower.startsWith('bitcoincash:') ? lower : `bitcoincash:${lower}`;
    return cashaddrChecksum(value) ? { kind: 'bch-cashaddr', value } : null;
  }
  if (MONERO_RE.test(v)) return moneroChecksum(v) ? { kind: 'xmr', value: v } : null;
  if (ALTCOIN_BASE58_RE.test(v)) {
    const bytes = base58Decode(v, BASE58_ALPHABET);
    return bytes !== null && bytes.length === 25 && ALTCOIN_VERSIONS.has(bytes[0]!) && doubleSha256Checksum(bytes) ? { kind: 'altcoin-base58', value: v } : null;
  }
  if (XRP_RE.test(v)) {
    const bytes = base58Decode(v, RIPPLE_ALPHABET);
    return bytes !== null && bytes.length === 25 && bytes[0] === 0 && doubleSha256Checksum(bytes) ? { kind: 'xrp', value: v } : null;
  }
  return null;
}

/** Big-endian bytes of a base58 string (leading first-alphabet characters are zero bytes), or null. */
function base58Decode(v: string, alphabet: string): number[] | null {
  let n = 0n;
  for (const ch of v) {
    const digit = alphabet.indexOf(ch);
    if (digit < 0) return null;
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < v.length && v[i] === alphabet[0]; i++) bytes.unshift(0);
  return bytes;
}

/** base58check: the last four bytes are the first four of SHA-256(SHA-256(the rest)). */
function doubleSha256Checksum(bytes: number[]): boolean {
  const body = Uint8Array.from(bytes.slice(0, -4));
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  const check = bytes.slice(-4);
  return check.every((b, i) => b === sum[i]);
}

function base58Checksum(v: string): boolean {
  const bytes = base58Decode(v, BASE58_ALPHABET);
  return bytes !== null && bytes.length === 25 && doubleSha256Checksum(bytes);
}

/** Monero's base58 encodes 8-byte blocks as 11 characters; a final shorter block by this table. */
const MONERO_BLOCK_BYTES: Readonly<Record<number, number>> = { 2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8 };

function moneroChecksum(v: string): boolean {
  const bytes: number[] = [];
  for (let at = 0; at < v.length; at += 11) {
    const block = v.slice(at, at + 11);
    const size = MONERO_BLOCK_BYTES[block.length];
    const decoded = base58Decode(block.replace(/^1+/, ''), BASE58_ALPHABET);
    if (size === undefined || decoded === null || decoded.length > size) return false;
    bytes.push(...new Array<number>(size - decoded.length).fill(0), ...decoded);
  }
  if (bytes.length !== 69 && bytes.length !== 77) return false;
  const sum = keccak_256(Uint8Array.from(bytes.slice(0, -4)));
  return bytes.slice(-4).every((b, i) => b === sum[i]);
}

function bech32Checksum(v: string): boolean {
  const sep = v.lastIndexOf('1');
  const hrp = v.slice(0, sep);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  for (const ch of v.slice(sep + 1)) values.push(BECH32_CHARSET.indexOf(ch));
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const x of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ x;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i] as number;
  }
  return chk === 1 || chk === 0x2bc830a3; // bech32 (BIP 173) or bech32m (BIP 350)
}

/** Bitcoin Cash cashaddr: a 40-bit BCH-code checksum over the prefix's low bits, a 0, and the payload. */
function cashaddrChecksum(v: string): boolean {
  const [prefix, payload] = v.split(':') as [string, string];
  const values = [...prefix].map((c) => c.charCodeAt(0) & 31);
  values.push(0);
  for (const ch of payload) values.push(BECH32_CHARSET.indexOf(ch));
  const gen = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n];
  let c = 1n;
  for (const d of values) {
    const top = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(d);
    for (let i = 0; i < 5; i++) if ((top >> BigInt(i)) & 1n) c ^= gen[i]!;
  }
  return (c ^ 1n) === 0n;
}

/**
 * Verify the checksum of a normalised address (Ethereum has none unless mixed-case EIP-55; accepted).
 * The other formats were verified when they were recognised.
 */
export function hasValidWalletChecksum(kind: WalletKind, value: string): boolean {
  if (kind === 'btc-base58') return base58Checksum(value);
  if (kind === 'btc-bech32') return bech32Checksum(value);
  return true;
}
