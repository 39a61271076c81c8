/**
 * Type detection for untyped values (CSV value lists, free text). Order matters: the most specific
 * shapes are tried first, and names are accepted only under a suffix listed in the PSL.
 * Domain vs hostname: a name equal to its registrable domain (eTLD+1, PSL private section included)
 * is a 'domain'; a name with labels below it ('mail.evil.com') is a 'hostname'.
 */
import ipaddr from 'ipaddr.js';
import { domainToASCII } from 'node:url';
import { hashTypeForHex, isSsdeep } from './canonical-hash';
import { isStrictIpv4 } from './canonical-network';
import { normalizeWallet } from './crypto-wallet';
import { hasKnownSuffix, lookupSuffix } from './domain-name';
import type { IndicatorType } from './indicator-type';
import { refangValue } from './refang';

const URL_RE = /^(?:https?|ftp|sftp|wss?|tcp|udp|ssl):\/\/\S/i;
const EMAIL_LOCAL_RE = /^[^\s@<>()[\]\\,;:"]{1,64}$/;
// Longest non-URL indicator we detect (sha512 is 128, a name 253, an email 64+1+253).
const MAX_SHAPE = 330;
const CIDR4_RE = /^[\d.]+\/\d{1,2}$/;
const CVE_RE = /^cve-\d{4}-\d{4,7}$/i;
const ASN_RE = /^asn?\s?\d{1,10}$/i;
const REGISTRY_RE = /^(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+):?\\/i;
const NAME_RE = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i;
const NON_ASCII_RE = /[\u0080-\uffff]/;
const HEX_CHAR_RE = /^[0-9a-fA-F]+$/;
/** Letters and digits (and cashaddr's prefix colon) of a wallet address's length; see crypto-wallet.ts. */
const WALLET_SHAPE_RE = /^[0-9A-Za-z:]{26,118}$/;

/** Detect the indicator type of a raw (possibly defanged) value, or null when it has no clear shape. */
export function detectType(raw: string): IndicatorType | null {
  const v = refangValue(raw).trim();
  if (v.length === 0 || v.length > 8192) return null;
  if (URL_RE.test(v)) return 'url';
  if (v.length > MAX_SHAPE) return null;
  if (v.includes('@')) return detectEmail(v);
  if (isStrictIpv4(v)) return 'ipv4';
  if (v.includes('/')) return detectCidr(v) ?? detectSchemelessUrl(v);
  if (v.includes(':')) return detectColon(v);
  if (HEX_CHAR_RE.test(v)) return hashTypeForHex(v.toLowerCase());
  if (CVE_RE.test(v)) return 'cve';
  if (ASN_RE.test(v)) return 'asn';
  if (REGISTRY_RE.test(v)) return 'registry-key';
  if (WALLET_SHAPE_RE.test(v) && normalizeWallet(v) !== null) return 'crypto-wallet';
  return detectName(v);
}

function detectEmail(v: string): 'email' | null {
  const at = v.lastIndexOf('@');
  return EMAIL_LOCAL_RE.test(v.slice(0, at)) && detectName(v.slice(at + 1)) !== null ? 'email' : null;
}

function detectCidr(v: string): IndicatorType | null {
  if (CIDR4_RE.test(v)) return isStrictIpv4(v.slice(0, v.indexOf('/'))) ? 'cidr' : null;
  return ipaddr.IPv6.isValidCIDR(v) ? 'cidr' : null;
}

/** `evil.com/wp-content/x.zip`: a name (or address) with a path is a URL its writer left the scheme off. */
function detectSchemelessUrl(v: string): 'url' | null {
  const slash = v.indexOf('/');
  if (slash === v.length - 1 || /\s/.test(v)) return null;
  const host = v.slice(0, slash);
  return isStrictIpv4(host) || detectName(host) !== null ? 'url' : null;
}

function detectColon(v: string): IndicatorType | null {
  const bare = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v;
  if (ipaddr.IPv6.isValid(bare)) return 'ipv6';
  if (isSsdeep(v)) return 'ssdeep';
  if (REGISTRY_RE.test(v)) return 'registry-key';
  return null;
}

/** 'domain' or 'hostname' for a name under a PSL suffix, else null. */
export function detectName(v: string): 'domain' | 'hostname' | null {
  let name = v;
  if (NON_ASCII_RE.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === '') return null;
    name = ascii;
  }
  if (name.length > 254 || !NAME_RE.test(name)) return null;
  name = name.toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  const info = lookupSuffix(name);
  if (!hasKnownSuffix(info)) return null;
  // A name the PSL's private section lists as a suffix itself (`*.compute-1.amazonaws.com`,
  // `*.at.ply.gg`) is a host a provider hands out: C2 servers live at such names.
  if (info.domain === null) return info.isPrivate === true && name.includes('.') ? 'hostname' : null;
  return info.domain === name ? 'domain' : 'hostname';
}
