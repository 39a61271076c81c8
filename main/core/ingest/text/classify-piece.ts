/**
 * Decide whether one short piece of refanged prose is an indicator. Precision first: names need a
 * PSL suffix, Bitcoin addresses a valid checksum, ASNs the upper-case `AS` prefix, and dotted quads
 * after "version"/"v" are versions. Candidates that may be files (`setup.py`, `invoice.zip`) are
 * reported as ambiguous unless the author defanged them, which only happens to indicators.
 *
 * Those precision rules read running text. A piece that stands alone (a line holding only it) is what
 * it looks like: a list of resolvers is `8.8.8.8`, `1.1.1.1`, not versions (issue #14).
 */
import ipaddr from 'ipaddr.js';
import { isSsdeep } from '../../indicators/canonical-hash';
import { isStrictIpv4 } from '../../indicators/canonical-network';
import { hasValidWalletChecksum, normalizeWallet } from '../../indicators/crypto-wallet';
import { detectName } from '../../indicators/detect-type';
import { isFileLikeName } from '../../indicators/domain-name';
import type { IndicatorType } from '../../indicators/indicator-type';

export interface Finding {
  type: IndicatorType;
  value: string;
  /** The author wrote it defanged (a strong signal that it is an indicator). */
  defanged: boolean;
  /** Set when the piece might not be an indicator; the reason is shown to the analyst. */
  ambiguous?: string;
  /** The port written after an address or name (`45.61.137.10:8080`), kept as context (issue #17.4). */
  port?: number;
}

const VERSION_WORDS: ReadonlySet<string> = new Set(['version', 'versions', 'ver', 'v', 'build', 'release', 'firmware', 'rev', 'revision']);
const URL_RE = /^(?:https?|ftp|sftp|wss?|tcp|udp|ssl):\/\/[^\s/?#]+/i;
const EMAIL_LOCAL_RE = /^[A-Za-z0-9._%+-]{1,64}$/;
const CIDR4_RE = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;
const V6_CHARS_RE = /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/;
const HEX_RE = /^[0-9A-Fa-f]+$/;
const CVE_RE = /^CVE-\d{4}-\d{4,7}$/i;
const ASN_RE = /^ASN?\d{1,10}$/;
const DIGITS_RE = /^\d{1,10}$/;
const WALLET_HINT_RE =
  /^(?:[13LMDA9X7T][1-9A-HJ-NP-Za-km-z]{25,34}|r[1-9A-HJ-NP-Za-km-z]{24,34}|[48][1-9A-HJ-NP-Za-km-z]{94,105}|(?:bc|ltc)1[ac-hj-np-z02-9]{8,87}|[qp][ac-hj-np-z02-9]{41}|0x[0-9a-fA-F]{40})$/;
// In prose, demand real-looking ssdeep parts so times like 12:30:45 are not fuzzy hashes.
const SSDEEP_PROSE_RE = /^\d+:[A-Za-z0-9/+]{8,}:[A-Za-z0-9/+]{4,}/;
const UPPER_NAME_RE = /^[A-Z0-9.-]+$/;
const DOTTED_QUAD_RE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SINGLE_DIGITS_QUAD_RE = /^\d\.\d\.\d\.\d$/;
const LEADING_ZERO_OCTET_RE = /(?:^|\.)0\d/;
/** Words after which a hex string is a key, relay or commit, not a file hash (Tor's `ExitNode <fingerprint>`). */
const NOT_A_FILE_HASH_WORDS: ReadonlySet<string> = new Set(['exitnode', 'fingerprint', 'fingerprints', 'thumbprint', 'commit', 'relay', 'keyid']);
const NAME_CHARS_RE = /^[A-Za-z0-9._-]+$/;
/** A product's name as prose writes it (`Studio`, `Chrome`, `WinRAR`): a capital, then a lower-case letter. */
const PRODUCT_WORD_RE = /^[A-Z][a-z][A-Za-z0-9+-]*$/;

/**
 * Classify a refanged piece; `prevWord` is the previous word as written (punctuation trimmed). Null when
 * not an indicator. `prose` false: the piece stands alone, and no rule for running text demotes it.
 */
export function classifyPiece(piece: string, prevWord: string, defanged: boolean, prose = true): Finding | null {
  const first = piece.charCodeAt(0);
  if (mayBeUrl(piece) && URL_RE.test(piece)) return finding('url', piece, defanged);
  if (piece.includes('@')) return classifyEmail(piece, defanged);
  if (first >= 48 && first <= 57 && piece.includes('.')) {
    if (isStrictIpv4(piece)) {
      if (VERSION_WORDS.has(prevWord.toLowerCase())) return null;
      // `Ashampoo Burning Studio 4.0.9.3`: four one-digit parts right after a product name are a version.
      // Anywhere else (`DNS 8.8.8.8`, a line of its own) they are the address they look like.
      if (prose && !defanged && SINGLE_DIGITS_QUAD_RE.test(piece) && PRODUCT_WORD_RE.test(prevWord)) {
        return finding('ipv4', piece, defanged, `"${piece}" follows "${prevWord}" and looks like a version number`);
      }
      return finding('ipv4', piece, defanged);
    }
    if (DOTTED_QUAD_RE.test(piece) && LEADING_ZERO_OCTET_RE.test(piece) && !VERSION_WORDS.has(prevWord.toLowerCase())) {
      return finding('ipv4', piece, defanged, `"${piece}" has an octet with a leading zero, which some tools read as octal`);
    }
    const cidr = CIDR4_RE.exec(piece);
    if (cidr !== null) return isStrictIpv4(cidr[1] as string) && Number(cidr[2]) <= 32 ? finding('cidr', piece, defanged) : null;
  }
  if (piece.includes(':')) return classifyColon(piece, defanged);
  // "ASN 1234" / "AS 1234" as two words: only the upper-case prefix ("as" is an English word).
  if ((prevWord === 'AS' || prevWord === 'ASN') && DIGITS_RE.test(piece)) return finding('asn', `AS${piece}`, defanged);
  if (HEX_RE.test(piece)) {
    // A hex piece is a hash by its length alone: no lower-cased copy and second pattern per piece.
    const t = HASH_TYPE_BY_LENGTH[piece.length];
    if (t === undefined) return null;
    const word = prevWord.toLowerCase();
    if (prose && !defanged && (NOT_A_FILE_HASH_WORDS.has(word) || VERSION_WORDS.has(word))) {
      return finding(t, piece, defanged, `"${piece}" follows "${prevWord}": a fingerprint or version, not a file hash`);
    }
    return finding(t, piece, defanged);
  }
  if (CVE_RE.test(piece)) return finding('cve', piece, defanged);
  if (ASN_RE.test(piece)) return finding('asn', piece, defanged);
  if (WALLET_HINT_RE.test(piece)) {
    const w = normalizeWallet(piece);
    if (w !== null && hasValidWalletChecksum(w.kind, w.value)) return finding('crypto-wallet', piece, defanged);
  }
  if (piece.includes('.') && NAME_CHARS_RE.test(piece)) return classifyName(piece, defanged, prose);
  return null;
}

/** URL_RE's cheap half: its scheme ends at index 2 (`ws`) to 5 (`https`), so a ':' is there. */
function mayBeUrl(piece: string): boolean {
  return piece.charCodeAt(2) === 0x3a || piece.charCodeAt(3) === 0x3a || piece.charCodeAt(4) === 0x3a || piece.charCodeAt(5) === 0x3a;
}

/** What hashTypeForHex says of a hex string, by its length. */
const HASH_TYPE_BY_LENGTH: Readonly<Record<number, IndicatorType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

// A module function, not a closure per piece: classifyPiece runs once per word of a report.
function finding(type: IndicatorType, value: string, defanged: boolean, ambiguous?: string): Finding {
  return ambiguous === undefined ? { type, value, defanged } : { type, value, defanged, ambiguous };
}

function classifyEmail(piece: string, defanged: boolean): Finding | null {
  const at = piece.lastIndexOf('@');
  const local = piece.slice(0, at);
  const domain = piece.slice(at + 1);
  if (!EMAIL_LOCAL_RE.test(local) || local.startsWith('.') || local.endsWith('.')) return null;
  return detectName(domain) === null ? null : finding('email', piece, defanged);
}

function classifyColon(piece: string, defanged: boolean): Finding | null {
  if (isSsdeep(piece)) return SSDEEP_PROSE_RE.test(piece) ? finding('ssdeep', piece, defanged) : null;
  if (!V6_CHARS_RE.test(piece) || piece.length < 3) return null;
  const slash = piece.indexOf('/');
  if (slash >= 0) return ipaddr.IPv6.isValidCIDR(piece) ? finding('cidr', piece, defanged) : null;
  // Require two colons and a hex digit so times (12:30) and "::" alone are not addresses.
  if (piece.indexOf(':') === piece.lastIndexOf(':') || !/[0-9a-fA-F]/.test(piece)) return null;
  return ipaddr.IPv6.isValid(piece) ? finding('ipv6', piece, defanged) : null;
}

function classifyName(piece: string, defanged: boolean, prose: boolean): Finding | null {
  const type = detectName(piece);
  if (type === null) return null;
  const name = piece.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const tld = labels[labels.length - 1] as string;
  if (prose && !defanged && isFileLikeName(labels.length, tld)) {
    return finding(type, piece, defanged, `"${piece}" may be a file name (.${tld} is also a file extension)`);
  }
  if (prose && !defanged && UPPER_NAME_RE.test(piece) && /[A-Z]/.test(piece)) {
    return finding(type, piece, defanged, `"${piece}" is written in capitals like a product name (ASP.NET)`);
  }
  return finding(type, piece, defanged);
}
