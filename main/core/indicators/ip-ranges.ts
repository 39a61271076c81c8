/**
 * IP addresses as numbers: IPv4 as uint32 (a JS number), IPv6 as BigInt. Ranges are inclusive
 * [start, end]. Parsing is strict (ipaddr.js); anything else is undefined, never a guess.
 */
import ipaddr from 'ipaddr.js';

export interface Ipv4Range {
  start: number;
  end: number;
}

export interface Ipv6Range {
  start: bigint;
  end: bigint;
}

export type IpRange = { v: 4; range: Ipv4Range } | { v: 6; range: Ipv6Range };

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted quad -> uint32, or undefined (fast path without allocation for the matcher's hot loop). */
export function ipv4ToNumber(text: string): number | undefined {
  const m = IPV4_RE.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i += 1) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i]!.length > 1 && m[i]!.startsWith('0'))) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function ipv6ToBigInt(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  try {
    const parts = ipaddr.IPv6.parse(text).parts;
    return parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
  } catch {
    return undefined;
  }
}

/** `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or network -> its inclusive range; undefined if invalid. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = (slash < 0 ? text : text.slice(0, slash)).trim();
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1).trim();
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = ipv4ToNumber(address);
  if (v4 !== undefined) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix > 32) return undefined;
    const size = 2 ** (32 - prefix);
    const start = v4 - (v4 % size);
    return { v: 4, range: { start, end: start + size - 1 } };
  }
  const v6 = ipv6ToBigInt(address);
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (prefix > 128) return undefined;
  const hostBits = BigInt(128 - prefix);
  const start = (v6 >> hostBits) << hostBits;
  return { v: 6, range: { start, end: start + (1n << hostBits) - 1n } };
}
