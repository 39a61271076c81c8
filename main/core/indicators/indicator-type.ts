/**
 * The closed vocabulary of indicator types. The identity of an indicator is (type, canonical value).
 *
 * - `cidr` covers IPv4 and IPv6 networks.
 * - `domain` is a registrable domain (eTLD+1 per the Public Suffix List), or any name a source
 *   explicitly typed as a domain (MISP `domain`, STIX `domain-name`) — we keep the source's word.
 * - `hostname` is a fully qualified name with labels below the registrable domain
 *   (`mail.example.org`), or any name a source explicitly typed as a hostname.
 *   For untyped values `detectType` decides: registrable domain === name → `domain`, else `hostname`.
 * - `ja3` / `ja3s` are TLS fingerprints written as MD5 hex.
 */
export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'hostname',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'ssdeep',
  'filename',
  'registry-key',
  'mutex',
  'asn',
  'cve',
  'crypto-wallet',
  'user-agent',
  'ja3',
  'ja3s',
] as const;

export type IndicatorType = (typeof INDICATOR_TYPES)[number];

const TYPE_SET: ReadonlySet<string> = new Set(INDICATOR_TYPES);

/** True when `value` is one of INDICATOR_TYPES (for narrowing strings from files and IPC). */
export function isIndicatorType(value: string): value is IndicatorType {
  return TYPE_SET.has(value);
}

/**
 * Facts about a canonical value that triage should see. A flagged value is kept, never dropped.
 *
 * - `reserved-name`: RFC 2606 / RFC 6761 names (example.com, .test, .invalid, .localhost, .example, .local…).
 * - `private-ip`: not globally routable (RFC 1918, loopback, link-local, CGNAT, documentation,
 *   multicast, unspecified, ULA, …) — for IPs, CIDRs and URLs whose host is such an IP.
 * - `unknown-tld`: the name's suffix is not in the Public Suffix List.
 * - `idn`: the name had Unicode labels (canonical value is punycode, `display` is Unicode).
 * - `host-bits-set`: a CIDR was written with host bits set and was normalised to its network.
 * - `file-like-name`: the TLD is also a common file extension (`.zip`, `.mov`), so the name may be a file.
 */
export const INDICATOR_FLAGS = [
  'reserved-name',
  'private-ip',
  'unknown-tld',
  'idn',
  'host-bits-set',
  'file-like-name',
] as const;

export type IndicatorFlag = (typeof INDICATOR_FLAGS)[number];
