/** Loads queue rows by id: the second phase of a page read, after the keyset query picked the ids. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tlpFromRank } from '../vault/queries/tlp-rank';
import type { QueueRow } from './queue-query';
import type { TriageStatus } from './triage-model';

interface RawRow extends Omit<QueueRow, 'tlp' | 'flags' | 'tags' | 'warninglists' | 'status'> {
  status: string;
  tlpRank: number;
  flags: string | null;
  tags: string | null;
  warninglists: string | null;
}

// char(31) (unit separator) cannot occur in a tag or list name typed on a keyboard, unlike ',' or ' '.
const ROW_COLUMNS = `i.id, i.type, i.value, i.display, i.status, i.tlp_rank AS tlpRank, i.confidence, i.severity,
  i.source_reliability AS sourceReliability, i.info_credibility AS infoCredibility, i.first_seen AS firstSeen,
  i.last_seen AS lastSeen, i.valid_until AS validUntil, i.sightings, i.flags,
  (SELECT a.handle FROM analysts a WHERE a.id = i.assignee_id) AS assignee,
  (SELECT group_concat(t.tag, char(31)) FROM (SELECT tag FROM indicator_tags WHERE indicator_id = i.id ORDER BY tag) t) AS tags,
  (SELECT group_concat(w.name, char(31)) FROM warninglist_hits h JOIN warninglists w ON w.id = h.list_id WHERE h.indicator_id = i.id) AS warninglists`;

/** The rows with these ids, in the order of `ids` (missing ids are skipped). */
export function loadQueueRows(db: Database, ids: readonly number[]): QueueRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${ROW_COLUMNS} FROM indicators i WHERE i.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as RawRow[];
  const byId = new Map(rows.map((row) => [row.id, toQueueRow(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toQueueRow({ tlpRank, flags, tags, warninglists, status, ...rest }: RawRow): QueueRow {
  return {
    ...rest,
    status: status as TriageStatus,
    tlp: tlpFromRank(tlpRank),
    flags: flags ? flags.split(',') : [],
    tags: tags ? tags.split('\u001f') : [],
    warninglists: warninglists ? warninglists.split('\u001f').sort() : [],
  };
}
