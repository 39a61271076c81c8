import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 20 base32 characters = 100 bits: enough against a forged second key, short enough to read aloud. */
const FINGERPRINT_CHARS = 20;
const DOMAIN = 'liaison-identity-v1\0';

/** RFC 4648 base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The identity fingerprint two analysts read to each other over the phone, e.g. `K7QF-2MZA-XW3D-9ARE-PL4T`
 * (base32 has no 0/1/8/9, so an O or an I cannot be heard as a digit). It covers BOTH public keys: confirming it confirms the
 * signing key and the age recipient a partner will encrypt to, so neither can be swapped in a public file.
 */
export function identityFingerprint(signPublic: Uint8Array, ageRecipient: string): string {
  const digest = createHash('sha256').update(DOMAIN).update(signPublic).update(ageRecipient, 'utf8').digest();
  const text = base32(digest).slice(0, FINGERPRINT_CHARS);
  return text.match(/.{4}/g)!.join('-');
}

const FINGERPRINT_PATTERN = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/;

/** Accepts what an analyst types (lower case, spaces or no separators) and returns the canonical form. */
export function normaliseFingerprint(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== FINGERPRINT_CHARS) return undefined;
  const grouped = compact.match(/.{4}/g)!.join('-');
  return FINGERPRINT_PATTERN.test(grouped) ? grouped : undefined;
}

/** A display name: 1 to 200 characters on one line, no control characters. */
export function isOneLineName(text: string): boolean {
  return text.length > 0 && text.length <= 200 && ![...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}
