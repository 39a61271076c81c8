import { createVault } from '../../main/core/vault';
import { importPaths } from '../../main/core/ingest/import/import-job';
import { indexImportedIndicators } from '../../main/core/triage';
import { correlationKeys } from '../../main/core/indicators';
import { syntheticIndicators } from './synthetic-indicators';

const PASSPHRASE = 'bench passphrase, not a secret';

/** Measured tasks, each in its own process (see measure-child.ts). Prints one JSON line. */
async function main(): Promise<void> {
  const [task, vaultDir, arg1, arg2] = process.argv.slice(2);
  if (!vaultDir) throw new Error('usage: child-task <task> <vaultDir> ...');
  const vault = await createVault(vaultDir, PASSPHRASE, { actor: 'bench' });
  const started = performance.now();
  let rows = 0;
  let detail: Record<string, unknown> | undefined;
  let seconds: number | undefined;
  if (task === 'raw') {
    // The baseline: the same canonical rows the import stores in its indicators table (every column it
    // writes, correlation keys included), one prepared statement, one transaction, with the identity
    // index, in a database with the same cipher and pragmas. No parsing, provenance, search or audit.
    const count = Number(arg1);
    const now = new Date().toISOString();
    const seen = '2026-10-01T08:00:00.000Z';
    vault.db.exec(`CREATE TABLE raw_indicators (id INTEGER PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL, display TEXT,
      tlp_rank INTEGER NOT NULL, flags TEXT, confidence INTEGER, first_seen TEXT, last_seen TEXT, valid_from TEXT, valid_until TEXT,
      sightings INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, registrable_domain TEXT, ip_start INTEGER, ip_end INTEGER)`);
    vault.db.exec('CREATE UNIQUE INDEX idx_raw_indicators__type_value ON raw_indicators(type, value)');
    const insert = vault.db.prepare(`INSERT INTO raw_indicators (type, value, display, tlp_rank, flags, confidence, first_seen, last_seen,
      valid_from, valid_until, sightings, created_at, updated_at, registrable_domain, ip_start, ip_end)
      VALUES (?, ?, NULL, 1, NULL, NULL, ?, ?, ?, NULL, 1, ?, ?, ?, ?, ?)`);
    const canonical = [...syntheticIndicators(count)].map(({ type, value }) => ({ type, value, ...correlationKeys(type, value) }));
    const started = performance.now();
    vault.db.transaction(() => {
      for (const r of canonical) {
        insert.run(r.type, r.value, seen, seen, seen, now, now, r.registrableDomain, r.ipStart, r.ipEnd);
        rows++;
      }
    })();
    seconds = (performance.now() - started) / 1000;
  } else if (task === 'import') {
    const summary = await importPaths(vault.db, [arg1!], {
      format: (arg2 ?? 'auto') as 'auto',
      partial: true,
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

await main();
