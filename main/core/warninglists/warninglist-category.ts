/**
 * What a warninglist says about the values on it (issue #17.2). MISP separates lists of values that are
 * never indicators ("false-positive": reserved and private ranges, hashes of empty files) from lists of
 * known identifiers that attackers use too ("known": VPN exits, cloud and CDN ranges, dynamic DNS, top
 * sites). Only the first kind may suggest dismissing a hit: an AsyncRAT C2 sits on a VPN range and a
 * NOBELIUM C2 on a top-100k list. The public list.json files rarely carry the category, so the standard
 * lists are classified by what they hold, and anything unrecognised is "known" (the safe side).
 * Dependency-free apart from ipaddr.js, so that migration 0090 can classify stored lists with it.
 */
import ipaddr from 'ipaddr.js';

export const WARNINGLIST_CATEGORIES = ['false-positive', 'known'] as const;
export type WarninglistCategory = (typeof WARNINGLIST_CATEGORIES)[number];

/** Where a stored list's category came from; an analyst's choice survives reloading the list. */
export type CategorySource = 'file' | 'classified' | 'analyst';

/** The list's own `category` field, as MISP spells it (`false_positive` in its model, `false-positive` in files). */
export function categoryField(value: unknown): WarninglistCategory | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase().replace(/[_\s]/g, '-');
  return v === 'false-positive' ? 'false-positive' : v === 'known' ? 'known' : undefined;
}

export interface ClassifiableList {
  name: string;
  description: string;
  type: string;
  entries: readonly string[];
}

/**
 * Names of known identifiers, each with what the analyst is told the list holds. Checked before the
 * false-positive words, so "Private Internet Access VPN" is a VPN list and not a private range.
 */
const KNOWN_KINDS: readonly [RegExp, string][] = [
  [/\bvpns?\b|\bproxy|\bproxies\b|\btor\b/i, 'VPN, proxy and Tor endpoints'],
  [/\bcdns?\b|akamai|cloudflare|fastly|stackpath|cloudfront|edgecast|incapsula/i, 'CDN ranges'],
  [/\bcloud\b|\baws\b|amazon|azure|\bgcp\b|google cloud|oracle|digitalocean|\bovh\b|linode|alibaba/i, 'cloud provider ranges'],
  [/hosting|hoster|data ?cent(?:er|re)s?\b/i, 'hosting ranges'],
  [/dynamic[- ]?dns|\bdyn ?dns\b|\bddns\b|no-?ip\b/i, 'dynamic DNS domains'],
  [/\btop[- ]?\d|\btop (?:sites|websites|domains)|alexa|majestic|tranco|umbrella|quantcast|most (?:used|popular)|popular/i, 'popular sites'],
  [/public dns|dns resolvers?|\bresolvers?\b/i, 'public DNS resolvers'],
  [/shortener/i, 'URL shorteners'],
  [/sinkhole/i, 'sinkholes'],
  [/disposable|webmail|e-?mail (?:provider|domain)|free ?mail/i, 'email providers'],
  [/security (?:vendor|provider)|antivirus|\bav\b vendors?/i, 'security vendors'],
  [/trusted|abused|legitimate/i, 'trusted services that attackers abuse'],
  [/microsoft|office ?365|windows|google|apple|github|dropbox|telegram/i, 'vendor service endpoints'],
];

/** Values that are never indicators: special-use address space, placeholder and known-good hashes, bare TLDs. */
const FALSE_POSITIVE_WORDS =
  /\brfc ?\d{3,4}\b|\breserved\b|\bprivate\b|\bbogons?\b|\bmulticast\b|\bdocumentation\b|special[- ]use|link[- ]local|\bloopback\b|\bempty\b|known[- ]good|false[- ]positives?|\btlds?\b/i;

/** The category of a list that carries none, from its name, description and (for address lists) entries. */
export function classifyWarninglist(list: ClassifiableList): WarninglistCategory {
  if (list.type === 'cidr' && list.entries.length > 0 && list.entries.every(isSpecialUseRange)) return 'false-positive';
  const words = `${list.name} ${list.description}`;
  if (KNOWN_KINDS.some(([pattern]) => pattern.test(words))) return 'known';
  return FALSE_POSITIVE_WORDS.test(words) ? 'false-positive' : 'known';
}

/** What a known list holds, for "on a list of known X: check before dismissing". */
export function knownKind(name: string, description = ''): string {
  const words = `${name} ${description}`;
  return KNOWN_KINDS.find(([pattern]) => pattern.test(words))?.[1] ?? 'identifiers';
}

/** The status a hit on a list suggests: only false-positive lists suggest one. */
export function suggestedStatusFor(category: WarninglistCategory): 'false-positive' | null {
  return category === 'false-positive' ? 'false-positive' : null;
}

/**
 * True for an address or CIDR wholly inside private, reserved (documentation, benchmarking, future use),
 * multicast, loopback, link-local, CGNAT or unspecified space. Very short prefixes are never special
 * (0.0.0.0/0 starts in "unspecified" but covers the Internet).
 */
function isSpecialUseRange(entry: string): boolean {
  try {
    const [address, prefix] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), undefined];
    if (prefix !== undefined && prefix < (address.kind() === 'ipv4' ? 4 : 7)) return false;
    return SPECIAL_RANGES.has(address.range());
  } catch {
    return false;
  }
}

const SPECIAL_RANGES: ReadonlySet<string> = new Set([
  'private',
  'reserved',
  'multicast',
  'loopback',
  'linkLocal',
  'carrierGradeNat',
  'unspecified',
  'broadcast',
  'uniqueLocal',
  'benchmarking',
  'discard',
]);
