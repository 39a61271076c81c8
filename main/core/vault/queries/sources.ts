import type { Database } from 'better-sqlite3-multiple-ciphers';

export type SourceFormat = 'stix' | 'misp' | 'misp-feed' | 'csv' | 'text';

export interface NewSource {
  name: string;
  format: SourceFormat;
  fileName: string | null;
  analyst: string;
  defaultTlp: string;
  importedAt: string;
}

export interface SourceCounts {
  fileSha256: string;
  records: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
}

export interface SourceRow extends NewSource, SourceCounts {
  id: number;
}

/** Opens the provenance record of one import; counts are filled in by `finishSource`. */
export function insertSource(db: Database, source: NewSource): number {
  const result = db
    .prepare(
      `INSERT INTO sources (name, format, file_name, analyst, default_tlp, imported_at)
       VALUES (@name, @format, @fileName, @analyst, @defaultTlp, @importedAt)`,
    )
    .run(source);
  return Number(result.lastInsertRowid);
}

export function finishSource(db: Database, id: number, counts: SourceCounts): void {
  db.prepare(
    `UPDATE sources SET file_sha256 = @fileSha256, records = @records, indicators_new = @indicatorsNew,
       indicators_merged = @indicatorsMerged, rejected = @rejected WHERE id = @id`,
  ).run({ ...counts, id });
}

const SOURCE_COLUMNS = `id, name, format, file_name AS fileName, file_sha256 AS fileSha256, analyst,
  default_tlp AS defaultTlp, imported_at AS importedAt, records, indicators_new AS indicatorsNew,
  indicators_merged AS indicatorsMerged, rejected`;

/** Most recent imports first. */
export function listSources(db: Database, limit = 100): SourceRow[] {
  return db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id DESC LIMIT ?`).all(limit) as SourceRow[];
}
