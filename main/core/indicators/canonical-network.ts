/**
 * Canonical forms for addresses, networks, names, URLs and email addresses.
 * Inputs are already refanged and trimmed by `canonicalize`.
 */
import ipaddr from 'ipaddr.js';
import { domainToUnicode } from 'node:url';
import { accept, refuse, type CanonicalResult } from './canonical-result';
import { checkName } from './domain-name';
import type { IndicatorFlag, IndicatorType } from './indicator-type';

// Strict dotted quad, decimal octets without leading zeros. "010.1.1.1" is refused because
// inet_aton() reads 010 as octal 8 while most tools read decimal 10: the value names two hosts.
const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV4_LOOSE_RE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PREFIX_RE = /^(?:0|[1-9]\d{0,2})$/;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const EMAIL_LOCAL_RE = /^[^\s@<>()[\]\\,;:"]{1,64}$/;

// ipaddr.js range names that are globally routable; every other named range is flagged private-ip.
const GLOBAL_RANGES: ReadonlySet<string> = new Set(['unicast', '6to4', 'teredo', 'rfc6052', 'as112', 'as112v6', 'amt']);

/** True when the dotted quad is strictly valid (no leading zeros, octets 0-255). */
export function isStrictIpv4(value: string): boolean {
  return IPV4_RE.test(value);
}

function addressFlags(addr: ipaddr.IPv4 | ipaddr.IPv6): IndicatorFlag[] {
  let range = addr.range();
  if (range === 'ipv4Mapped' && addr.kind() === 'ipv6') range = (addr as ipaddr.IPv6).toIPv4Address().range();
  return GLOBAL_RANGES.has(range) ? [] : ['private-ip'];
}

function ipv6Text(addr: ipaddr.IPv6): string {
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted-quad tail.
  if (addr.isIPv4MappedAddress()) return `::ffff:${addr.toIPv4Address().toString()}`;
  return addr.toRFC5952String();
}

// One parse (isValid would parse a second time): this is on the import hot path.
function parseIpv6(v: string): ipaddr.IPv6 | null {
  if (!v.includes(':')) return null;
  try {
    return ipaddr.IPv6.parse(v);
  } catch {
    return null;
  }
}

/** Canonical IPv4: strict dotted quad. */
export function canonicalIpv4(v: string): CanonicalResult {
  if (!IPV4_RE.test(v)) {
    if (IPV4_LOOSE_RE.test(v)) return refuse('octet with a leading zero or above 255 (inet_aton would read 0NN as octal)');
    return refuse('not a dotted-quad IPv4 address');
  }
  return accept('ipv4', v, addressFlags(ipaddr.IPv4.parse(v)));
}

/** Canonical IPv6: RFC 5952 text (lower-case, longest zero run compressed); brackets stripped, zones refused. */
export function canonicalIpv6(raw: string): CanonicalResult {
  const v = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (v.includes('%')) return refuse('IPv6 zone identifiers are local to one host');
  const addr = parseIpv6(v);
  if (addr === null) return refuse('not an IPv6 address');
  return accept('ipv6', ipv6Text(addr), addressFlags(addr));
}

/** Canonical CIDR: network address/prefix; a bare address becomes /32 or /128. */
export function canonicalCidr(v: string): CanonicalResult {
  const slash = v.indexOf('/');
  const addrText = slash < 0 ? v : v.slice(0, slash);
  const prefixText = slash < 0 ? undefined : v.slice(slash + 1);
  if (prefixText !== undefined && !PREFIX_RE.test(prefixText)) return refuse('invalid prefix length');
  const prefix = prefixText === undefined ? undefined : Number(prefixText);
  if (addrText.includes(':')) {
    if (!ipaddr.IPv6.isValid(addrText) || addrText.includes('%')) return refuse('not an IPv6 network');
    const p = prefix ?? 128;
    if (p > 128) return refuse('IPv6 prefix length above 128');
    const addr = ipaddr.IPv6.parse(addrText);
    const net = ipaddr.IPv6.networkAddressFromCIDR(`${addrText}/${p}`);
    return networkResult(ipv6Text(net), p, net.toNormalizedString() !== addr.toNormalizedString(), net);
  }
  if (!IPV4_RE.test(addrText)) return refuse('not a dotted-quad IPv4 network (leading zeros are ambiguous)');
  const p = prefix ?? 32;
  if (p > 32) return refuse('IPv4 prefix length above 32');
  const net = ipaddr.IPv4.networkAddressFromCIDR(`${addrText}/${p}`);
  return networkResult(net.toString(), p, net.toString() !== addrText, net);
}

function networkResult(net: string, prefix: number, hostBits: boolean, addr: ipaddr.IPv4 | ipaddr.IPv6): CanonicalResult {
  const flags = addressFlags(addr);
  if (hostBits) flags.push('host-bits-set');
  return accept('cidr', `${net}/${prefix}`, flags);
}

/** Canonical domain or hostname: see `checkName`. The type given by the source is kept. */
export function canonicalName(type: 'domain' | 'hostname', v: string): CanonicalResult {
  if (IPV4_LOOSE_RE.test(v)) return refuse('an IPv4 address, not a name');
  const r = checkName(v);
  if (!r.ok) return r;
  return accept(type, r.name, r.flags, r.display);
}

const COLONLESS_SCHEME_RE = /^(https?|ftp)\/\//i;
const AUTHORITY_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]+)(.*)$/is;

/**
 * `http://fdc4:2581::1/x`: a URL whose host is an IPv6 address written without the brackets RFC 3986
 * asks for (seen in reports and sandbox output), as the bracketed URL; null when the host is not one.
 * The whole authority must be the address: a port after it cannot be told from its last group.
 */
export function bracketBareIpv6Host(url: string): string | null {
  const m = AUTHORITY_RE.exec(url);
  if (m === null) return null;
  const host = m[2] as string;
  if (host.startsWith('[') || host.indexOf(':') === host.lastIndexOf(':') || !ipaddr.IPv6.isValid(host)) return null;
  return `${m[1]}[${host}]${m[3]}`;
}

/**
 * Canonical URL via the WHATWG parser: scheme and host lower-cased, host punycoded, default port
 * dropped, path dot-segments resolved. A value without a scheme is taken as http:// (feeds often omit it).
 */
export function canonicalUrl(raw: string): CanonicalResult {
  // `http//host/…` (a colon lost in copying, seen in Citizen Lab's lists) would otherwise become a URL
  // whose host is "http".
  const v = raw.replace(COLONLESS_SCHEME_RE, '$1://');
  const text = SCHEME_RE.test(v) ? v : `http://${v}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const bracketed = bracketBareIpv6Host(text);
    if (bracketed === null) return refuse('not a valid URL');
    return canonicalUrl(bracketed);
  }
  // tcp://, udp://, ssl://: the WHATWG parser keeps the host of a scheme it does not know as written.
  if (url.hostname !== url.hostname.toLowerCase()) url.hostname = url.hostname.toLowerCase();
  const host = url.hostname;
  if (host === '') return refuse('URL has no host');
  let flags: IndicatorFlag[];
  let display: string | undefined;
  if (host.startsWith('[')) {
    flags = addressFlags(ipaddr.IPv6.parse(host.slice(1, -1)));
  } else if (IPV4_RE.test(host)) {
    flags = addressFlags(ipaddr.IPv4.parse(host));
  } else if (host.includes('.')) {
    const r = checkName(host);
    if (!r.ok) return refuse(`URL host: ${r.reason}`);
    flags = r.flags;
    if (r.display !== undefined) display = url.href.replace(host, domainToUnicode(host));
  } else {
    flags = host === 'localhost' ? ['reserved-name'] : ['unknown-tld'];
  }
  return accept('url', url.href, flags, display);
}

/** Canonical email: local part kept as written, domain canonicalised (lower-case, punycode). */
export function canonicalEmail(raw: string): CanonicalResult {
  const v = raw.toLowerCase().startsWith('mailto:') ? raw.slice(7) : raw;
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return refuse('not an email address');
  const local = v.slice(0, at);
  if (!EMAIL_LOCAL_RE.test(local)) return refuse('invalid local part');
  const r = checkName(v.slice(at + 1));
  if (!r.ok) return refuse(`email domain: ${r.reason}`);
  const display = r.display === undefined ? undefined : `${local}@${r.display}`;
  return accept('email', `${local}@${r.name}`, r.flags, display);
}

/** Dispatch for the network family. */
export function canonicalNetwork(type: IndicatorType, v: string): CanonicalResult | undefined {
  switch (type) {
    case 'ipv4':
      return canonicalIpv4(v);
    case 'ipv6':
      return canonicalIpv6(v);
    case 'cidr':
      return canonicalCidr(v);
    case 'domain':
    case 'hostname':
      return canonicalName(type, v);
    case 'url':
      return canonicalUrl(v);
    case 'email':
      return canonicalEmail(v);
    default:
      return undefined;
  }
}
