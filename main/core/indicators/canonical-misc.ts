/** Canonical forms for ASNs, CVE ids, registry keys, wallets and free-form string indicators. */
import { accept, refuse, type CanonicalResult } from './canonical-result';
import { normalizeWallet } from './crypto-wallet';

// "AS12345", "as12345", "ASN 12345", "12345", and asdot "AS1.10" (RFC 5396).
const ASN_RE = /^(?:asn?[ _-]?)?(\d{1,10})(?:\.(\d{1,5}))?$/i;
const CVE_RE = /^cve[-_ ]?(\d{4})[-_ ](\d{4,7})$/i;
const MAX_ASN = 4294967295;
const MAX_TEXT = 4096;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL_RE = /[\x00-\x08\x0b-\x1f\x7f]/;

/**
 * Registry hive abbreviations expanded to the full names Windows prints, so `HKLM\Software\X` and
 * `HKEY_LOCAL_MACHINE\Software\X` are one indicator. PowerShell drive forms (`HKLM:\`) are accepted.
 */
const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKPD: 'HKEY_PERFORMANCE_DATA',
  HKEY_LOCAL_MACHINE: 'HKEY_LOCAL_MACHINE',
  HKEY_CURRENT_USER: 'HKEY_CURRENT_USER',
  HKEY_CLASSES_ROOT: 'HKEY_CLASSES_ROOT',
  HKEY_USERS: 'HKEY_USERS',
  HKEY_CURRENT_CONFIG: 'HKEY_CURRENT_CONFIG',
  HKEY_PERFORMANCE_DATA: 'HKEY_PERFORMANCE_DATA',
};
const DOUBLED_BACKSLASH_RE = /\\\\+/g;
const TRAILING_BACKSLASH_RE = /\\+$/;

/** Canonical ASN: `AS<asplain>`; asdot `1.10` becomes 65546. */
export function canonicalAsn(v: string): CanonicalResult {
  const m = ASN_RE.exec(v);
  if (m === null) return refuse('ASN must look like AS12345');
  let n = Number(m[1]);
  if (m[2] !== undefined) {
    const low = Number(m[2]);
    if (n > 65535 || low > 65535) return refuse('asdot parts must be 0-65535');
    n = n * 65536 + low;
  }
  if (n > MAX_ASN) return refuse('ASN above 4294967295');
  return accept('asn', `AS${n}`);
}

/** Canonical CVE id: `CVE-YYYY-NNNN` upper-case. */
export function canonicalCve(v: string): CanonicalResult {
  const m = CVE_RE.exec(v);
  if (m === null) return refuse('CVE id must look like CVE-2024-12345');
  return accept('cve', `CVE-${m[1]}-${m[2]}`);
}

/**
 * Canonical registry key: hive expanded and upper-cased, doubled backslashes (from escaped JSON/CSV)
 * collapsed, trailing backslash dropped. The path after the hive keeps its case as written: the
 * registry is case-insensitive, but analysts compare keys by eye and vendors publish them verbatim.
 */
export function canonicalRegistryKey(raw: string): CanonicalResult {
  let v = raw.replace(DOUBLED_BACKSLASH_RE, '\\').replace(TRAILING_BACKSLASH_RE, '');
  if (v === '') return refuse('empty registry key');
  const sep = v.indexOf('\\');
  const head = (sep < 0 ? v : v.slice(0, sep)).replace(/:$/, '');
  const hive = HIVES[head.toUpperCase()];
  if (hive !== undefined) v = sep < 0 ? hive : hive + v.slice(sep);
  if (CONTROL_RE.test(v)) return refuse('control characters in registry key');
  return accept('registry-key', v);
}

/** Canonical wallet address (format checked; see crypto-wallet.ts). */
export function canonicalWallet(v: string): CanonicalResult {
  const w = normalizeWallet(v);
  if (w === null) {
    return refuse('not a Bitcoin, Bitcoin Cash, Ethereum, Litecoin, Dogecoin, Dash, Tron, XRP or Monero address (or its checksum is wrong)');
  }
  return accept('crypto-wallet', w.value);
}

/** Canonical free-form text (user-agent, mutex, filename): trimmed, non-empty, no control characters. */
export function canonicalText(type: 'user-agent' | 'mutex' | 'filename', v: string): CanonicalResult {
  if (v === '') return refuse(`empty ${type}`);
  if (v.length > MAX_TEXT) return refuse(`${type} longer than ${MAX_TEXT} characters`);
  if (CONTROL_RE.test(v)) return refuse(`control characters in ${type}`);
  return accept(type, v);
}
