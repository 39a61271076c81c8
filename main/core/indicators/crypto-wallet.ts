/**
 * Cryptocurrency address formats: Bitcoin base58check (P2PKH/P2SH), Bitcoin bech32/bech32m
 * (BIP 173/350), Ethereum 0x + 40 hex. Checksums are verified by `hasValidWalletChecksum` so free
 * text only yields addresses that cannot be accidental base58-looking words.
 */
import { createHash } from 'node:crypto';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_RE = /^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BECH32_RE = /^(bc|tb)1[ac-hj-np-z02-9]{8,87}$/;
const ETH_RE = /^0x[0-9a-f]{40}$/;
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

export type WalletKind = 'btc-base58' | 'btc-bech32' | 'eth';

/** Canonical wallet text: bech32 and Ethereum lower-cased (case-insensitive formats), base58 as is. */
export function normalizeWallet(raw: string): { kind: WalletKind; value: string } | null {
  const v = raw.toLowerCase().startsWith('bitcoin:') ? raw.slice(8) : raw;
  const lower = v.toLowerCase();
  if (ETH_RE.test(lower)) return { kind: 'eth', value: lower };
  // BIP 173: mixed case is invalid, all-upper is allowed (QR codes).
  if ((v === lower || v === v.toUpperCase()) && BECH32_RE.test(lower)) return { kind: 'btc-bech32', value: lower };
  if (BASE58_RE.test(v)) return { kind: 'btc-base58', value: v };
  return null;
}

function base58Checksum(v: string): boolean {
  let n = 0n;
  for (const ch of v) n = n * 58n + BigInt(BASE58_ALPHABET.indexOf(ch));
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < v.length && v[i] === '1'; i++) bytes.unshift(0);
  if (bytes.length !== 25) return false;
  const body = Uint8Array.from(bytes.slice(0, 21));
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum[0] === bytes[21] && sum[1] === bytes[22] && sum[2] === bytes[23] && sum[3] === bytes[24];
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

/** Verify the checksum of a normalised address (Ethereum has none unless mixed-case EIP-55; accepted). */
export function hasValidWalletChecksum(kind: WalletKind, value: string): boolean {
  if (kind === 'btc-base58') return base58Checksum(value);
  if (kind === 'btc-bech32') return bech32Checksum(value);
  return true;
}
