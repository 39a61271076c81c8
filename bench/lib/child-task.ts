import { createVault } from '../../main/core/vault';
import { importPaths } from '../../main/core/ingest/import/import-job';
import { indexImportedIndicators } from '../../main/core/triage';
import { correlationKeys } from '../../main/core/indicators';
import { syntheticIndicators } from './synthetic-indicators';
import type { Database } from 'better-sqlite3-multiple-ciphers';

const PASSPHRASE = 'bench passphrase, not a secret';

/** Measured tasks, each in its own process (see measure-child.ts). Prints one JSON line. */
async function main(): Promise<void> {
  const [task, vaultDir, arg1, arg2] = process.argv.slice(2);
  if (!vaultDir) throw new Error('usage: child-task <task> <vaultDir> ...');
  const vault = await createVault(vaultDir, PASSPHRASE, { actor: 'bench' });
  const started = performance.now();
  let rows: number;
  let detail: Record<string, unknown> | undefined;
  let seconds: number | undefined;
  if (task === 'raw' || task === 'raw-provenance') {
    const count = Number(arg1);
    seconds = insertCanonicalRows(vault.db, count, task === 'raw-provenance');
    rows = count;
  } else if (task === 'import') {
    const summary = await importPaths(vault.db, [arg1!], {
      format: (arg2 ?? 'auto') as 'auto',
      actor: 'bench',
      // The whole pipeline the app runs, search indexing and warninglist flags included.
      indexing: indexImportedIndicators,
    });
    rows = summary.indicators_new + summary.indicators_merged;
    detail = { records: summary.records, rejected: summary.rejected, new: summary.indicators_new, errors: summary.errors.slice(0, 3) };
  } else {
    throw new Error(`unknown task ${task}`);
  }
  seconds ??= (performance.now() - started) / 1000;
  vault.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ seconds, rows, peakRssMb, detail })}\n`);
}

/**
 * The baselines: the canonical rows the import stores in its indicators table (every column it writes,
 * correlation keys included), one prepared statement, one transaction, with the identity index, in a
 * database with the same cipher and pragmas. No parsing, search or audit. With `sightings`, each row also
 * gets the one sighting row that provenance requires (indicator, source, count, TLP, times, place,
 * record), keyed and indexed as `indicator_sources` is: the least any import that keeps provenance
 * writes. Returns the seconds of the transaction, commit included.
 */
function insertCanonicalRows(db: Database, count: number, sightings: boolean): number {
  const now = new Date().toISOString();
  const seen = '2026-10-01T08:00:00.000Z';
  db.exec(`CREATE TABLE raw_indicators (id INTEGER PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL, display TEXT,
    tlp_rank INTEGER NOT NULL, flags TEXT, confidence INTEGER, first_seen TEXT, last_seen TEXT, valid_from TEXT, valid_until TEXT,
    sightings INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, registrable_domain TEXT, ip_start INTEGER, ip_end INTEGER)`);
  db.exec('CREATE UNIQUE INDEX idx_raw_indicators__type_value ON raw_indicators(type, value)');
  if (sightings) {
    db.exec(`CREATE TABLE raw_sightings (indicator_id INTEGER NOT NULL, source_id INTEGER NOT NULL, sightings INTEGER NOT NULL,
      tlp_rank INTEGER NOT NULL, first_seen TEXT, last_seen TEXT, location TEXT, record INTEGER, PRIMARY KEY (indicator_id, source_id)) WITHOUT ROWID`);
    db.exec('CREATE INDEX idx_raw_sightings__source_id_record ON raw_sightings(source_id, record)');
  }
  const insert = db.prepare(`INSERT INTO raw_indicators (type, value, display, tlp_rank, flags, confidence, first_seen, last_seen,
    valid_from, valid_until, sightings, created_at, updated_at, registrable_domain, ip_start, ip_end)
    VALUES (?, ?, NULL, 1, NULL, NULL, ?, ?, ?, NULL, 1, ?, ?, ?, ?, ?)`);
  const insertSighting = sightings ? db.prepare('INSERT INTO raw_sightings VALUES (?, 1, 1, 1, ?, ?, ?, ?)') : undefined;
  const canonical = [...syntheticIndicators(count)].map(({ type, value }) => ({ type, value, ...correlationKeys(type, value) }));
  const started = performance.now();
  db.transaction(() => {
    let record = 0;
    for (const r of canonical) {
      const { lastInsertRowid } = insert.run(r.type, r.value, seen, seen, seen, now, now, r.registrableDomain, r.ipStart, r.ipEnd);
      record++;
      insertSighting?.run(lastInsertRowid, seen, seen, `line ${record + 1}`, record);
    }
  })();
  return (performance.now() - started) / 1000;
}

await main();
