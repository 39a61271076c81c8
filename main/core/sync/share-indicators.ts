import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import { isIndicatorType, type IndicatorType } from '../indicators';
import { stixIndicator, stixIndicatorId, type StixIndicatorType } from '../stix';
import { tlpFromRank } from '../vault/queries/tlp-rank';
import { enqueueObject, targetProfiles } from './outbox';
import { getSharedObject, putSharedObject, type SharedObject } from './shared-objects';

export interface ShareResult {
  /** Object versions put into outboxes (one per indicator and profile). */
  queued: number;
  /** Indicators whose current version was queued before (nothing changed since). */
  unchanged: number;
  /** Indicator-profile pairs refused because the indicator's TLP is above the profile's ceiling. */
  aboveCeiling: number;
  profiles: string[];
}

interface IndicatorRow {
  id: number;
  type: string;
  value: string;
  tlp_rank: number;
  status: string;
  confidence: number | null;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  tags: string | null;
}

const STATUS_TYPES: Record<string, StixIndicatorType[]> = {
  malicious: ['malicious-activity'],
  suspicious: ['anomalous-activity'],
  benign: ['benign'],
  'false-positive': ['benign'],
};

/**
 * Marks indicators for sharing: writes each one's STIX indicator as the vault's local copy and puts it
 * into the outbox of every target profile whose TLP ceiling allows it, all in one transaction with its
 * audit entry. An indicator shared before keeps its id and `created`; a new version (a later
 * `modified`) is made only when what would be sent changed, which is what "an edit" means for sync.
 */
export function shareIndicators(db: Database, indicatorIds: readonly number[], options: { profiles?: readonly string[]; actor: string; at: Date }): ShareResult {
  const profiles = targetProfiles(db, options.profiles);
  if (profiles.length === 0) {
    throw new WorkbenchError('INVALID_INPUT', options.profiles?.length ? `No sync profile named ${options.profiles.join(', ')}.` : 'No sync profile yet: add one with "liaison sync add".');
  }
  const at = options.at.toISOString();
  const result: ShareResult = { queued: 0, unchanged: 0, aboveCeiling: 0, profiles: profiles.map((p) => p.name) };
  return mutate(db, { at: options.at, actor: options.actor, action: 'sync.share', target: `indicators:${indicatorIds.length}`, before: null, after: { indicators: indicatorIds.slice(0, 100), profiles: result.profiles } }, () => {
    const read = db.prepare(`SELECT i.id, i.type, i.value, i.tlp_rank, i.status, i.confidence, i.valid_from, i.valid_until, i.created_at,
      (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM indicator_tags WHERE indicator_id = i.id ORDER BY tag)) AS tags FROM indicators i WHERE i.id = ?`);
    for (const id of indicatorIds) {
      const row = read.get(id) as IndicatorRow | undefined;
      if (!row || !isIndicatorRow(row)) throw new WorkbenchError('NOT_FOUND', `No indicator ${id} in this vault.`);
      const existing = getSharedObject(db, stixIndicatorId(row.type, row.value));
      const candidate = indicatorObject(row, existing, at);
      let current = candidate;
      if (existing && sameContent(existing.object, candidate)) {
        current = existing.object;
        result.unchanged += 1;
      } else {
        putSharedObject(db, candidate, { origin: 'local', indicatorId: row.id, at });
      }
      for (const profile of profiles) {
        const outcome = enqueueObject(db, profile, current, at);
        if (outcome === 'queued') result.queued += 1;
        if (outcome === 'above-ceiling') result.aboveCeiling += 1;
      }
    }
    return result;
  });
}

function indicatorObject(row: IndicatorRow & { type: IndicatorType }, previous: SharedObject | undefined, at: string): Record<string, unknown> {
  const type = row.type;
  const created = typeof previous?.object.created === 'string' ? previous.object.created : iso(row.created_at);
  // A new version must be later than every version the object had (STIX 2.1 §3.2), even with a skewed clock.
  const modified = previous && previous.modified >= at ? new Date(Date.parse(previous.modified) + 1).toISOString() : at;
  return {
    ...stixIndicator({
      type,
      value: row.value,
      tlp: tlpFromRank(row.tlp_rank),
      created,
      modified,
      ...(row.valid_from ? { validFrom: iso(row.valid_from) } : {}),
      validUntil: row.valid_until ? iso(row.valid_until) : null,
      confidence: row.confidence,
      indicatorTypes: STATUS_TYPES[row.status] ?? [],
      labels: row.tags ? row.tags.split('\u001f') : [],
    }),
  };
}

function isIndicatorRow(row: IndicatorRow): row is IndicatorRow & { type: IndicatorType } {
  return isIndicatorType(row.type);
}

/** Same object apart from its version stamp. */
function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = ({ modified: _m, ...rest }: Record<string, unknown>) => JSON.stringify(sorted(rest));
  return strip(a) === strip(b);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

function iso(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}
