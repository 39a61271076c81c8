/**
 * MISP attribute types (MISP core format, draft-dulaunoy-misp-core-format §2.3 and the
 * describeTypes list) mapped to indicator types. Composite `a|b` types split into one value per part.
 */
import type { IndicatorType } from '../../indicators/indicator-type';
import { registryKeyWithData } from '../../indicators/source-type-name';

export interface MispValue {
  type: IndicatorType | null;
  value: string;
  /** The MISP type with the part taken, e.g. 'filename|sha256 (sha256)'. */
  typeHint: string;
}

/** Either the values of an attribute, or why it yields none. */
export type MispMapping = { values: MispValue[]; pairedWith?: string } | { skip: string };

type PartType = IndicatorType | 'ip' | 'drop';

// Single-value types.
const SINGLE: Readonly<Record<string, PartType>> = {
  'ip-src': 'ip', 'ip-dst': 'ip', domain: 'domain', hostname: 'hostname', url: 'url',
  'email-src': 'email', 'email-dst': 'email', email: 'email', 'email-reply-to': 'email', 'whois-registrant-email': 'email',
  md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512', ssdeep: 'ssdeep',
  filename: 'filename', regkey: 'registry-key', mutex: 'mutex', AS: 'asn', vulnerability: 'cve',
  btc: 'crypto-wallet', xmr: 'crypto-wallet', dash: 'crypto-wallet', 'user-agent': 'user-agent',
  'ja3-fingerprint-md5': 'ja3', 'ja3s-fingerprint-md5': 'ja3s',
};

// Composite types: the type of each part, and whether to split at the last '|' (a file name may hold one).
const COMPOSITE: Readonly<Record<string, { parts: [PartType, PartType]; splitAtLast?: boolean }>> = {
  'ip-src|port': { parts: ['ip', 'drop'] },
  'ip-dst|port': { parts: ['ip', 'drop'] },
  'hostname|port': { parts: ['hostname', 'drop'] },
  'domain|ip': { parts: ['domain', 'ip'] },
  'filename|md5': { parts: ['filename', 'md5'], splitAtLast: true },
  'filename|sha1': { parts: ['filename', 'sha1'], splitAtLast: true },
  'filename|sha256': { parts: ['filename', 'sha256'], splitAtLast: true },
  'filename|sha512': { parts: ['filename', 'sha512'], splitAtLast: true },
  'filename|ssdeep': { parts: ['filename', 'ssdeep'], splitAtLast: true },
  'malware-sample': { parts: ['filename', 'md5'], splitAtLast: true },
};

/**
 * MISP categories whose links point to analyses of the event (a white paper, a blog post), not to its
 * infrastructure: such a url with to_ids false is where the event came from. MISP's STIX exports carry
 * the category as a label (`misp:category="External analysis"`) and to_ids false as observed-data.
 */
export const MISP_REFERENCE_CATEGORIES: ReadonlySet<string> = new Set(['External analysis', 'Internal reference']);

// Types that look like indicators but are not, with the reason shown to the analyst.
const EXPLAINED: Readonly<Record<string, string>> = {
  link: 'link is a reference to a page about the event (MISP category "External analysis"), not an indicator',
  uri: 'uri is a path or resource name without a host, not a full URL',
};

/** True when the MISP type is split into parts (`a|b`), as MISP feeds hash each part (hashes.csv). */
export function isCompositeMispType(type: string): boolean {
  return type.includes('|') || type === 'malware-sample';
}

/** Maps one MISP attribute (type, value) to indicator values. */
export function mapMispAttribute(mispType: string, value: string): MispMapping {
  if (mispType === 'regkey|value') return { values: [{ type: 'registry-key', value: registryKeyWithData(value), typeHint: mispType }] };
  const single = SINGLE[mispType];
  if (single) return { values: [part(single, value, mispType)].filter((v): v is MispValue => v !== undefined) };
  const composite = COMPOSITE[mispType];
  if (composite) {
    const at = composite.splitAtLast ? value.lastIndexOf('|') : value.indexOf('|');
    if (at < 0) return { skip: `${mispType} value without '|'` };
    const pieces = [value.slice(0, at), value.slice(at + 1)];
    const values: MispValue[] = [];
    let pairedWith: string | undefined;
    composite.parts.forEach((kind, i) => {
      const mapped = part(kind, pieces[i]!, `${mispType} (part ${i + 1})`);
      if (mapped) values.push(mapped);
      else pairedWith = pieces[i];
    });
    return { values, pairedWith };
  }
  return { skip: EXPLAINED[mispType] ?? `MISP type ${mispType} has no indicator type` };
}

function part(kind: PartType, value: string, typeHint: string): MispValue | undefined {
  if (kind === 'drop') return undefined;
  return { type: kind === 'ip' ? ipType(value) : kind, value, typeHint };
}

function ipType(value: string): IndicatorType {
  if (value.includes('/')) return 'cidr';
  return value.includes(':') ? 'ipv6' : 'ipv4';
}
