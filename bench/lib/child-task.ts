import { createVault } from '../../main/core/vault';
import { importPaths } from '../../main/core/ingest/import/import-job';
import { indexImportedIndicators } from '../../main/core/triage';
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
  if (task === 'raw') {
    // The baseline: the same canonical rows, one prepared statement, one transaction, same cipher and pragmas.
    const count = Number(arg1);
    vault.db.exec('CREATE TABLE raw_indicators (id INTEGER PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL)');
    vault.db.exec('CREATE UNIQUE INDEX idx_raw_indicators__type_value ON raw_indicators(type, value)');
    const insert = vault.db.prepare('INSERT INTO raw_indicators (type, value) VALUES (?, ?)');
    vault.db.transaction(() => {
      for (const { type, value } of syntheticIndicators(count)) {
        insert.run(type, value);
        rows++;
      }
    })();
  } else if (task === 'import') {
    const summary = await importPaths(vault.db, [arg1!], {
      format: (arg2 ?? 'auto') as 'auto',
      partial: true,
      actor: 'bench',
      // The whole pipeline the app runs, search indexing and warninglist flags included.
      afterImport: indexImportedIndicators,
    });
    rows = summary.indicators_new + summary.indicators_merged;
    detail = { records: summary.records, rejected: summary.rejected, new: summary.indicators_new, errors: summary.errors.slice(0, 3) };
  } else {
    throw new Error(`unknown task ${task}`);
  }
  const seconds = (performance.now() - started) / 1000;
  vault.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ seconds, rows, peakRssMb, detail })}\n`);
}

await main();
