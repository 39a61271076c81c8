/**
 * Sorts an indicator's context rows into what an analyst reads them as (issue #17.6): what the
 * indicator is tied to (one hop: malware, campaign…; two hops: "via Dharma", the malware's attack
 * patterns), the reports and events it came in with, their metadata as named fields, and MISP's flags.
 * The ingest keeps them all as context rows (kind, name, ref, detail); the words they carry are set by
 * main/core/ingest (stix-context-index.ts, stix-object-items.ts, misp-event-items.ts).
 */
export interface ContextRow {
  kind: string;
  name: string;
  ref: string;
  detail: string;
}

export interface ReportRow {
  name: string;
  /** 'report', 'grouping' or 'MISP event'. */
  what: string;
  /** Named fields in their order ("published" → "2024-05-01", "references" → URLs as text). */
  fields: { label: string; value: string }[];
}

export interface FlagRow {
  label: string;
  value: string;
  /** The stored name, which the pivot searches for. */
  pivot: string;
}

export interface ContextGroups {
  direct: ContextRow[];
  /** Reached through a direct one: `via` names it, `how` says the relationship as a sentence. */
  secondHop: (ContextRow & { via: string; how: string })[];
  reports: ReportRow[];
  flags: FlagRow[];
  other: ContextRow[];
}

const CONTAINERS = ['report', 'grouping'];
const VIA = /^via (.+?): (.+)$/u;

export function groupContext(rows: readonly ContextRow[]): ContextGroups {
  const groups: ContextGroups = { direct: [], secondHop: [], reports: [], flags: [], other: [] };
  for (const row of rows) {
    const via = VIA.exec(row.detail);
    if (row.kind === 'other' && row.name === 'not for detection') groups.flags.push({ label: 'to_ids', value: `false (${row.detail})`, pivot: row.name });
    else if (row.kind === 'other' && row.name === 'reported false positive') groups.flags.push({ label: 'False-positive sightings', value: row.detail, pivot: row.name });
    else if (row.kind === 'other' && row.detail === 'MISP event') groups.reports.push({ name: row.name, what: 'MISP event', fields: [] });
    else if (row.kind === 'other' && CONTAINERS.includes(row.detail.split(';')[0]!)) groups.reports.push(reportOf(row));
    else if (via && row.kind !== 'other') groups.secondHop.push({ ...row, via: via[1]!, how: via[2]! });
    else if (row.kind !== 'other') groups.direct.push(row);
    else groups.other.push(row);
  }
  return groups;
}

/** "report; published: 2024-05-01; references: https://a, https://b" → named fields. */
function reportOf(row: ContextRow): ReportRow {
  const [what, ...parts] = row.detail.split('; ');
  const fields = parts.flatMap((part) => {
    const at = part.indexOf(': ');
    return at < 0 ? [] : [{ label: part.slice(0, at), value: part.slice(at + 2) }];
  });
  return { name: row.name, what: what!, fields };
}
