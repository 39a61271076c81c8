import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import { isIndicatorType, type IndicatorType } from '../indicators';
import { stixIndicator, stixIndicatorId, type StixIndicatorType } from '../stix';
import { tlpFromRank } from '../vault/queries/tlp-rank';
import { enqueueObject, sharedWithProfiles, targetProfiles, type EnqueueOutcome } from './outbox';
import { prepared } from './prepared';
import { getSharedObject, putSharedObject, type SharedObject } from './shared-objects';

export interface ShareResult {
  /** Object versions put into outboxes (one per indicator and profile). */
  queued: number;
  /** Indicators whose current version was queued before (nothing changed since). */
  unchanged: number;
  /** Indicator-profile pairs refused because the indicator's TLP is above the profile's ceiling. */
  aboveCeiling: number;
  profiles: string[];
  /** The same per profile: versions queued, and indicators withheld above that profile's ceiling. */
  perProfile: { profile: string; queued: number; withheld: number }[];
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

type Profile = { id: number; name: string; tlpMaxRank: number };

const STATUS_TYPES: Record<string, StixIndicatorType[]> = {
  malicious: ['malicious-activity'],
  suspicious: ['anomalous-activity'],
  benign: ['benign'],
  'false-positive': ['benign'],
};

const READ_INDICATOR = `SELECT i.id, i.type, i.value, i.tlp_rank, i.status, i.confidence, i.valid_from, i.valid_until, i.created_at,
  (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM indicator_tags WHERE indicator_id = i.id ORDER BY tag)) AS tags FROM indicators i WHERE i.id = ?`;

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
  const result: ShareResult = { queued: 0, unchanged: 0, aboveCeiling: 0, profiles: profiles.map((p) => p.name), perProfile: profiles.map((p) => ({ profile: p.name, queued: 0, withheld: 0 })) };
  return mutate(db, { at: options.at, actor: options.actor, action: 'sync.share', target: `indicators:${indicatorIds.length}`, before: null, after: { indicators: indicatorIds.slice(0, 100), profiles: result.profiles } }, () => {
    for (const id of indicatorIds) {
      const row = prepared(db, READ_INDICATOR).get(id) as IndicatorRow | undefined;
      if (!row || !isIndicatorRow(row)) throw new WorkbenchError('NOT_FOUND', `No indicator ${id} in this vault.`);
      const { changed, outcomes } = queueCurrentVersion(db, row, profiles, at);
      if (!changed) result.unchanged += 1;
      outcomes.forEach((outcome, index) => {
        const each = result.perProfile[index]!;
        if (outcome === 'queued') {
          result.queued += 1;
          each.queued += 1;
        }
        if (outcome === 'above-ceiling') {
          result.aboveCeiling += 1;
          each.withheld += 1;
        }
      });
    }
    return result;
  });
}

/**
 * The triage hook (see triage-hooks.ts): an edit of an indicator already shared queues its new version
 * for every profile it was shared with, inside the edit's transaction. A version above a profile's
 * ceiling is withheld there (and shown in the sync status); an edit that changes nothing sent (a note,
 * a severity) makes no new version.
 */
export function requeueEditedIndicators(db: Database, indicatorIds: readonly number[], at: Date): void {
  // Most vaults share little: one indexed join finds the edited indicators that were shared at all.
  const shared = prepared(db, 'SELECT o.indicator_id FROM json_each(?) j JOIN sync_objects o ON o.indicator_id = j.value').pluck().all(JSON.stringify(indicatorIds)) as number[];
  const stamp = at.toISOString();
  for (const id of shared) {
    const row = prepared(db, READ_INDICATOR).get(id) as IndicatorRow | undefined;
    if (!row || !isIndicatorRow(row)) continue;
    const profiles = sharedWithProfiles(db, stixIndicatorId(row.type, row.value));
    if (profiles.length > 0) queueCurrentVersion(db, row, profiles, stamp);
  }
}

/** Writes the indicator's current STIX version as the local copy (a new one only if its content changed) and queues it per profile. */
function queueCurrentVersion(db: Database, row: IndicatorRow & { type: IndicatorType }, profiles: readonly Profile[], at: string): { changed: boolean; outcomes: EnqueueOutcome[] } {
  const existing = getSharedObject(db, stixIndicatorId(row.type, row.value));
  const candidate = indicatorObject(row, existing, at);
  let current = candidate;
  const changed = !(existing && sameContent(existing.object, candidate));
  if (changed) putSharedObject(db, candidate, { origin: 'local', indicatorId: row.id, at });
  else current = existing.object;
  return { changed, outcomes: profiles.map((profile) => enqueueObject(db, profile, current, at)) };
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
