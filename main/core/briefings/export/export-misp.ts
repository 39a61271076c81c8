/**
 * A briefing as a MISP event (MISP core format, draft-dulaunoy-misp-core-format): one Attribute per
 * indicator with its MISP type and category, `to_ids` from the triage verdict, `tlp:*` tags on the event
 * and on each attribute, and `misp-galaxy:mitre-attack-pattern` tags for the techniques. Uuids are
 * UUIDv5 so a re-export updates the event a MISP instance already holds.
 */
import type { IndicatorType } from '../../indicators/indicator-type';
import { normalizeWallet } from '../../indicators/crypto-wallet';
import type { TlpLevel } from '../../ingest/ingest-record';
import { uuidV5 } from '../../stix/index';
import type { TriageStatus } from '../../triage/triage-model';
import type { BriefingStatus } from '../briefing-status';
import type { BriefingExportInput, ExportIndicator, ExportTechnique } from './export-input';
import { exportTags } from './export-tags';

interface MispTag {
  readonly name: string;
}

/** The event document for an input the TLP ceiling has already been applied to. */
export function briefingMispEvent(input: BriefingExportInput, marking: TlpLevel): { Event: Record<string, unknown> } {
  const timestamp = epochSeconds(input.modified);
  return {
    Event: {
      uuid: uuidV5(`misp-event\u0000${input.id}`),
      info: input.title,
      date: input.modified.slice(0, 10),
      // The briefing has no severity scale of its own; 4 is MISP's "undefined".
      threat_level_id: '4',
      analysis: ANALYSIS[input.status],
      distribution: DISTRIBUTION[marking],
      published: false,
      timestamp: String(timestamp),
      Orgc: { name: input.producer.organisation?.trim() || input.producer.name },
      // MISP sharing rules and feed filters read the event's tags: it carries the export's marking, the
      // highest of what it contains, so no rule can send a red attribute where green may go.
      Tag: [{ name: `tlp:${marking}` }, ...input.techniques.map(galaxyTag)] satisfies MispTag[],
      Attribute: input.indicators.map((indicator) => mispAttribute(indicator, input.id, timestamp)),
    },
  };
}

/** MISP analysis: 0 initial, 1 ongoing, 2 completed. */
const ANALYSIS: Readonly<Record<BriefingStatus, string>> = { draft: '0', 'in-review': '1', approved: '2', published: '2' };

/** MISP distribution no wider than the marking lets the event travel: 0 your organisation, 1 this community, 3 all communities. */
const DISTRIBUTION: Readonly<Record<TlpLevel, string>> = { clear: '3', green: '1', amber: '0', 'amber+strict': '0', red: '0' };

function galaxyTag(technique: ExportTechnique): MispTag {
  const id = technique.id.toUpperCase();
  // MISP's mitre-attack-pattern clusters are named "Name - Txxxx"; without a catalogue only the id is known.
  const value = technique.name ? `${technique.name} - ${id}` : id;
  return { name: `misp-galaxy:mitre-attack-pattern="${value.replace(/"/g, "'")}"` };
}

function mispAttribute(indicator: ExportIndicator, briefingId: string, timestamp: number): Record<string, unknown> {
  const { type, category } = mispTypeOf(indicator);
  const attribute: Record<string, unknown> = {
    uuid: uuidV5(`misp-attribute\u0000${briefingId}\u0000${indicator.type}\u0000${indicator.value}`),
    type, category,
    value: indicator.type === 'asn' ? indicator.value.replace(/^AS/i, '') : indicator.value,
    to_ids: TO_IDS[indicator.status],
    distribution: '5',
    timestamp: String(Math.max(timestamp, epochSeconds(indicator.lastSeen))),
    first_seen: indicator.firstSeen,
    last_seen: indicator.lastSeen,
    comment: `triage: ${indicator.status}; sightings: ${indicator.sightings}${indicator.confidence === null ? '' : `; confidence: ${indicator.confidence}`}`,
    Tag: [{ name: `tlp:${indicator.tlp}` }, ...exportTags(indicator.tags).map((name) => ({ name }))] satisfies MispTag[],
  };
  return attribute;
}

/** Only a verdict that the value is bad makes it a detection signature. */
const TO_IDS: Readonly<Record<TriageStatus, boolean>> = {
  malicious: true, suspicious: true, new: false, 'in-review': false, benign: false, 'false-positive': false, expired: false,
};

/** MISP type and default category (describeTypes) for an indicator; the inverse of ingest/misp/misp-type-map.ts. */
function mispTypeOf(indicator: ExportIndicator): { type: string; category: string } {
  const type: IndicatorType = indicator.type;
  switch (type) {
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
      return { type: 'ip-dst', category: 'Network activity' };
    case 'domain':
      return { type: 'domain', category: 'Network activity' };
    case 'hostname':
      return { type: 'hostname', category: 'Network activity' };
    case 'url':
      return { type: 'url', category: 'Network activity' };
    case 'email':
      return { type: 'email-src', category: 'Payload delivery' };
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
    case 'ssdeep':
      return { type, category: 'Payload delivery' };
    case 'filename':
      return { type: 'filename', category: 'Payload delivery' };
    case 'registry-key':
      return { type: 'regkey', category: 'Persistence mechanism' };
    case 'mutex':
      return { type: 'mutex', category: 'Artifacts dropped' };
    case 'asn':
      return { type: 'AS', category: 'Network activity' };
    case 'cve':
      return { type: 'vulnerability', category: 'External analysis' };
    case 'crypto-wallet':
      // MISP types exist only for these coins; 'btc' is the category's catch-all for other wallets.
      return { type: normalizeWallet(indicator.value)?.kind === 'xmr' ? 'xmr' : 'btc', category: 'Financial fraud' };
    case 'user-agent':
      return { type: 'user-agent', category: 'Network activity' };
    case 'ja3':
      return { type: 'ja3-fingerprint-md5', category: 'Network activity' };
    case 'ja3s':
      return { type: 'ja3s-fingerprint-md5', category: 'Network activity' };
    default:
      return assertNever(type);
  }
}

function epochSeconds(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function assertNever(type: never): never {
  throw new Error(`no MISP type for indicator type ${String(type)}`);
}
