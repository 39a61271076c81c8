/**
 * Map type names used by sources (MISP attribute types, STIX-ish object names, CSV column values and
 * headers) to IndicatorType. Names that cover several types ('ip', 'hash') are resolved by the value.
 * Composite MISP types ('filename|md5', 'ip-dst|port', 'domain|ip') keep the part that matches the type.
 */
import { hashTypeForHex } from './canonical-hash';
import { detectType } from './detect-type';
import type { IndicatorType } from './indicator-type';
import { refangValue } from './refang';

type Family = IndicatorType | 'ip' | 'hash' | 'name';

const NAMES: Readonly<Record<string, Family>> = {
  ip: 'ip', 'ip-dst': 'ip', 'ip-src': 'ip', ip_address: 'ip', ipaddress: 'ip', 'ip address': 'ip', dst_ip: 'ip', src_ip: 'ip',
  'ipv4-addr': 'ipv4', ipv4: 'ipv4', 'ipv6-addr': 'ipv6', ipv6: 'ipv6', cidr: 'cidr', 'ip-range': 'cidr', subnet: 'cidr', network: 'cidr',
  domain: 'domain', 'domain-name': 'domain', domain_name: 'domain', fqdn: 'hostname', hostname: 'hostname', host: 'name',
  url: 'url', uri: 'url', link: 'url', email: 'email', 'email-src': 'email', 'email-dst': 'email', 'email-addr': 'email',
  'email-address': 'email', email_address: 'email',
  md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512', md5_hash: 'md5', sha1_hash: 'sha1', sha256_hash: 'sha256',
  sha512_hash: 'sha512', hash: 'hash', filehash: 'hash', file_hash: 'hash', 'file-hash': 'hash', ssdeep: 'ssdeep',
  filename: 'filename', file_name: 'filename', 'file:name': 'filename', 'file-name': 'filename',
  // A path names the file too; the vault keeps it whole (filename values are free text).
  file_path: 'filename', filepath: 'filename', file_path_name: 'filename', 'file-path': 'filename', path: 'filename', regkey: 'registry-key', 'windows-registry-key': 'registry-key',
  'registry-key': 'registry-key', registry: 'registry-key', mutex: 'mutex', mutant: 'mutex', as: 'asn', asn: 'asn',
  'autonomous-system': 'asn', vulnerability: 'cve', cve: 'cve', btc: 'crypto-wallet', 'cryptocurrency-wallet': 'crypto-wallet',
  'crypto-wallet': 'crypto-wallet', wallet: 'crypto-wallet', 'user-agent': 'user-agent', user_agent: 'user-agent',
  useragent: 'user-agent', 'ja3-fingerprint-md5': 'ja3', ja3: 'ja3', ja3s: 'ja3s', 'ja3s-fingerprint-md5': 'ja3s',
};

/** Normalise a source type name: lower-case, trimmed, STIX `:value` suffix dropped. */
export function normalizeTypeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith(':value') ? n.slice(0, -6) : n;
}

/** True when the name is in the vocabulary (used to recognise CSV header names). */
export function isKnownTypeName(name: string): boolean {
  const n = normalizeTypeName(name);
  return NAMES[n] !== undefined || ADDRESS_WITH_PORT.has(n);
}

/**
 * Resolve a source type name and its value to an IndicatorType (null when unknown or unresolvable)
 * and the value part to keep (composite types are split on '|').
 */
export function typeFromSourceName(name: string, value: string): { type: IndicatorType | null; value: string } {
  const n = normalizeTypeName(name);
  if (ADDRESS_WITH_PORT.has(n)) {
    const address = withoutPort(value.trim());
    return { type: resolveFamily('ip', address), value: address };
  }
  const bar = n.indexOf('|');
  if (bar > 0) return compositeType(n.slice(0, bar), n.slice(bar + 1), value);
  const family = NAMES[n];
  if (family === 'ip' || family === 'ipv4') {
    // `IP,163[.]172[.]147[.]222:4555` (Unit 42): the address with the port it was seen on.
    const address = withoutPort(value.trim());
    return { type: resolveFamily(family, address), value: address };
  }
  return { type: family === undefined ? null : resolveFamily(family, value), value };
}

/** ThreatFox's 'ip:port' (and spellings of it): the address is the indicator, the port is dropped. */
const ADDRESS_WITH_PORT: ReadonlySet<string> = new Set(['ip:port', 'ip_port', 'ip-port', 'ipport']);

/**
 * `203.0.113.9:4782` -> `203.0.113.9`, `[2001:db8::1]:443` -> `2001:db8::1` (defanged or not);
 * anything else unchanged.
 */
function withoutPort(value: string): string {
  const refanged = refangValue(value);
  const bracketed = /^\[([0-9a-f:.]+)\]:\d{1,5}$/i.exec(refanged);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(refanged);
  return v4 ? v4[1]! : value;
}

/**
 * A MISP `regkey|value` pair as one registry indicator: the key with the data the malware wrote there,
 * because the key alone is often one every Windows machine has (…\CurrentVersion\Run, …\Direct3D).
 * Without data, the key.
 */
export function registryKeyWithData(pair: string): string {
  const at = pair.indexOf('|');
  return at < 0 || pair.slice(at + 1).trim() === '' ? pair.slice(0, at < 0 ? undefined : at) : pair;
}

function compositeType(left: string, right: string, value: string): { type: IndicatorType | null; value: string } {
  const cut = value.indexOf('|');
  const [a, b] = cut < 0 ? [value, ''] : [value.slice(0, cut), value.slice(cut + 1)];
  // 'filename|md5': the hash identifies the file; 'ip-dst|port' / 'domain|ip': the left part is the indicator.
  if (left === 'filename' && NAMES[right] !== undefined) return { type: resolveFamily(NAMES[right] as Family, b), value: b };
  if (left === 'regkey') return { type: 'registry-key', value: registryKeyWithData(value) };
  const family = NAMES[left];
  return { type: family === undefined ? null : resolveFamily(family, a), value: a };
}

function resolveFamily(family: Family, value: string): IndicatorType | null {
  if (family === 'ip') {
    const t = detectType(value);
    return t === 'ipv4' || t === 'ipv6' || t === 'cidr' ? t : 'ipv4';
  }
  if (family === 'hash') return hashTypeForHex(value.trim().toLowerCase());
  if (family === 'name' || family === 'domain' || family === 'hostname') {
    // A name column holding an address (Unit 42's domain lists carry a few C2 addresses) is that address.
    const t = detectType(value);
    if (t === 'ipv4' || t === 'ipv6') return t;
    return family === 'name' ? (t === 'hostname' ? 'hostname' : 'domain') : family;
  }
  if (family === 'url') {
    // Lists file C2 names under "URL" (Sophos: `URL,akamaicontainer[.]com`): a bare name or address is
    // that indicator, not a URL with an invented scheme and path.
    const t = detectType(value);
    return t === 'domain' || t === 'hostname' || t === 'ipv4' || t === 'ipv6' ? t : 'url';
  }
  return family;
}
