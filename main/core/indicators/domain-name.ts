/**
 * DNS names: canonical form, Public Suffix List lookups (tldts) and name flags.
 * tldts is called with hostname extraction, validation and IP detection turned off: callers pass a
 * name we have already lower-cased and checked, so the library only walks the suffix trie.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseTld } from 'tldts';

type IResult = ReturnType<typeof parseTld>;
import type { IndicatorFlag } from './indicator-type';

const TLD_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;

// RFC 2606, RFC 6761 §6, RFC 6762 (.local), RFC 8375 (home.arpa), RFC 9476 (.alt), ICANN .internal.
const RESERVED_TLDS: ReadonlySet<string> = new Set(['test', 'example', 'invalid', 'localhost', 'local', 'alt', 'internal']);
const RESERVED_DOMAINS: ReadonlySet<string> = new Set(['example.com', 'example.net', 'example.org', 'home.arpa']);
/**
 * Real TLDs that are also file extensions seen in reports: `setup.py` or `invoice.zip` is more often a
 * file than a host. (`.exe`, `.dll`, `.js`, `.txt` are not TLDs, so the PSL check already rules them out.)
 */
export const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'cab', 'py', 'sh', 'pl', 'pm', 'md', 'rs', 'ps', 'so', 'one', 'java',
]);
// Google's .zip/.mov are registered precisely to look like files, so any depth is suspicious there.
const ALWAYS_FILE_LIKE_TLDS: ReadonlySet<string> = new Set(['zip', 'mov']);

/** True when a name looks like a file name: two labels under a file-extension TLD, or any .zip/.mov name. */
export function isFileLikeName(labelCount: number, tld: string): boolean {
  return FILE_EXTENSION_TLDS.has(tld) && (labelCount === 2 || ALWAYS_FILE_LIKE_TLDS.has(tld));
}

// Whole-name check in one regex (labels of 1-63 LDH or '_' characters, no edge hyphens): each label's
// backtracking is bounded by 63, so the test is linear in the name's length.
const NAME_RE = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NON_ASCII_RE = /[\u0080-\uffff]/;
const ALL_DIGITS_RE = /^[0-9]+$/;

export type NameCheck = { ok: true; name: string; display?: string; flags: IndicatorFlag[] } | { ok: false; reason: string };

/** Parse a lower-cased name against the PSL (private suffixes included, e.g. blogspot.com). */
export function lookupSuffix(name: string): IResult {
  return parseTld(name, TLD_OPTIONS);
}

/** True when the name's public suffix is listed in the PSL (ICANN or private section). */
export function hasKnownSuffix(info: IResult): boolean {
  return info.isIcann === true || info.isPrivate === true;
}

/**
 * Canonical DNS name: trimmed, trailing dot removed, lower-case, IDN to punycode (Unicode kept as
 * display), labels checked (LDH plus '_' for service names like _dmarc), at least two labels.
 */
export function checkName(raw: string): NameCheck {
  let name = raw.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0) return { ok: false, reason: 'empty name' };
  let display: string | undefined;
  const flags: IndicatorFlag[] = [];
  if (NON_ASCII_RE.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === '') return { ok: false, reason: 'invalid internationalised name' };
    name = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  } else {
    name = name.toLowerCase();
  }
  if (name.length > 253) return { ok: false, reason: 'name longer than 253 characters' };
  const lastDot = name.lastIndexOf('.');
  if (lastDot < 0) return { ok: false, reason: 'a domain name needs at least two labels' };
  if (!NAME_RE.test(name)) return { ok: false, reason: `invalid label in "${name}"` };
  const tld = name.slice(lastDot + 1);
  if (ALL_DIGITS_RE.test(tld)) return { ok: false, reason: 'numeric top-level label (an IP address, not a name)' };
  if (name.includes('xn--')) {
    const unicode = domainToUnicode(name);
    if (unicode !== name && unicode !== '') {
      display = unicode;
      flags.push('idn');
    }
  }
  // Every internationalised TLD in use is in the PSL: an unknown one is a stray byte decoded as a
  // letter (`abastostelano.com\xCA` in a Latin-1 file), not a name anyone registered.
  if (tld.startsWith('xn--') && !hasKnownSuffix(lookupSuffix(tld))) return { ok: false, reason: `unknown internationalised top-level domain ".${domainToUnicode(tld)}"` };
  appendNameFlags(name, tld, lastDot, flags);
  return display === undefined ? { ok: true, name, flags } : { ok: true, name, display, flags };
}

function appendNameFlags(name: string, tld: string, lastDot: number, flags: IndicatorFlag[]): void {
  const last2 = name.slice(name.lastIndexOf('.', lastDot - 1) + 1);
  if (RESERVED_TLDS.has(tld) || RESERVED_DOMAINS.has(last2)) flags.push('reserved-name');
  else if (!hasKnownSuffix(lookupSuffix(name))) flags.push('unknown-tld');
  if (FILE_EXTENSION_TLDS.has(tld) && isFileLikeName(name.split('.').length, tld)) flags.push('file-like-name');
}

/**
 * Registrable domain (eTLD+1, PSL private section included) of a name, URL host or email domain,
 * for correlation; undefined when the value has no registrable part (an IP, a bare suffix).
 */
const ADDRESS_LITERAL_RE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[.*\]|.*:.*)$/;

export function registrableDomain(value: string): string | undefined {
  let host = value.trim().toLowerCase();
  const scheme = host.indexOf('://');
  if (scheme >= 0) {
    try {
      host = new URL(host).hostname;
    } catch {
      return undefined;
    }
  } else {
    const at = host.lastIndexOf('@');
    if (at >= 0) host = host.slice(at + 1);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (NON_ASCII_RE.test(host)) host = domainToASCII(host);
  if (host === '') return undefined;
  // An address literal (http://192.0.2.7/, [2001:db8::1]) has no registrable part, though its last
  // labels look like one.
  if (ADDRESS_LITERAL_RE.test(host)) return undefined;
  return lookupSuffix(host).domain ?? undefined;
}
