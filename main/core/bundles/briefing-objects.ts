import type { Database } from 'better-sqlite3-multiple-ciphers';
import { readBriefingForExport } from '../briefings';
import { briefingStixBundle } from '../briefings/export/export-stix';
import { applyCeiling } from '../briefings/export/tlp-ceiling';
import { BriefingExportError } from '../briefings/export/export-error';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../ingest/ingest-record';
import { stixIndicatorId, type StixObject } from '../stix';
import type { CustodyEntryInput } from './custody';
import type { PublicIdentity } from './identity';
import type { StixMarkingDefinition } from '../stix';

export interface BriefingObjects {
  objects: (StixObject | StixMarkingDefinition)[];
  /** Vault indicator id -> STIX id of the indicators the briefings carry (for the custody chain). */
  indicators: Map<number, string>;
  withheld: number;
  approvals: CustodyEntryInput[];
}

/**
 * The STIX objects of briefings as their own exporter writes them (report, producer, indicators,
 * techniques), after the briefings' TLP ceiling rule; and who approved or published each briefing,
 * from the audit log, as custody entries.
 */
export function briefingObjects(db: Database, ids: readonly number[], tlpMax: TlpLevel, recorder: PublicIdentity): BriefingObjects {
  const out: BriefingObjects = { objects: [], indicators: new Map(), withheld: 0, approvals: [] };
  for (const id of ids) {
    const input = readBriefingForExport(db, id, undefined, `${recorder.analyst} (${recorder.organisation})`);
    let ceiling;
    try {
      ceiling = applyCeiling(input, tlpMax);
    } catch (error) {
      if (error instanceof BriefingExportError) throw new WorkbenchError('INVALID_INPUT', `${error.message}.`);
      throw error;
    }
    out.withheld += ceiling.withheld.filter((w) => w.kind === 'indicator').length;
    const bundle = briefingStixBundle(ceiling.included, tlpMax);
    out.objects.push(...bundle.objects);
    for (const indicator of ceiling.included.indicators) out.indicators.set(Number(indicator.id), stixIndicatorId(indicator.type, indicator.value));
    const report = bundle.objects.find((o) => o.type === 'report');
    const rows = db
      .prepare("SELECT at, actor, after_json AS afterJson FROM audit_entries WHERE action = 'briefing.status' AND target = ? ORDER BY id")
      .all(`briefing:${id}`) as { at: string; actor: string; afterJson: string | null }[];
    for (const row of rows) {
      const after = row.afterJson ? (JSON.parse(row.afterJson) as { status?: string; version?: number }) : {};
      if (after.status !== 'approved' && after.status !== 'published') continue;
      out.approvals.push({
        at: row.at,
        actor: row.actor,
        organisation: recorder.organisation,
        fingerprint: recorder.fingerprint,
        action: 'approved',
        detail: `briefing "${input.title}" version ${after.version ?? '?'} ${after.status}`,
        objects: report ? [report.id, ...ceiling.included.indicators.map((i) => stixIndicatorId(i.type, i.value))] : [],
      });
    }
  }
  return out;
}
