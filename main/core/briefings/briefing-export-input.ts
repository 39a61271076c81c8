/**
 * Builds the exporters' input (BriefingExportInput) for one saved version, in one read snapshot: the
 * version's frozen content with the live state of its attached indicators (triage status, TLP, sightings,
 * tags), since a briefing's indicators are references, not copies.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { isIndicatorType } from '../indicators';
import type { BriefingExportInput, ExportIndicator } from './export/export-input';
import { readAttachedIndicators, readContent, readTechniques, requireBriefingRow, requireVersion } from './briefing-reads';

/** The snapshot of `version` (default: the latest saved version) that every exporter renders. */
export function readBriefingForExport(db: Database, id: number, version?: number, producer = 'unknown'): BriefingExportInput {
  return db.transaction(() => {
    const row = requireBriefingRow(db, id);
    const shown = version ?? row.latestVersion;
    if (shown === 0) throw new WorkbenchError('INVALID_INPUT', `Briefing ${id} has no saved version to export; save it first.`);
    requireVersion(row, shown);
    const content = readContent(db, id, shown);
    const meta = db.prepare('SELECT created_at AS modified FROM briefing_versions WHERE briefing_id = ? AND version = ?').get(id, shown) as { modified: string };
    const indicators: ExportIndicator[] = readAttachedIndicators(db, id, shown).flatMap((i) =>
      isIndicatorType(i.type)
        ? [
            {
              id: String(i.id),
              type: i.type,
              value: i.value,
              tlp: i.tlp,
              status: i.status,
              confidence: i.confidence,
              firstSeen: i.firstSeen ?? i.createdAt,
              lastSeen: i.lastSeen ?? i.firstSeen ?? i.createdAt,
              sightings: i.sightings,
              tags: i.tags,
            },
          ]
        : [],
    );
    return {
      id: row.uid,
      title: content.title,
      summary: content.summary,
      tlp: content.tlp,
      status: row.status,
      version: shown,
      created: row.createdAt,
      modified: meta.modified,
      validUntil: content.validUntil,
      authors: content.authors,
      producer: { name: producer, organisation: null },
      distribution: content.distribution.map((r) => r.name),
      sections: content.sections,
      indicators,
      techniques: readTechniques(db, content.techniques),
      references: content.references,
    };
  })();
}
