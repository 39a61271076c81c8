import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureInChild, type ChildMeasurement } from './lib/measure-child';
import { syntheticIndicators } from './lib/synthetic-indicators';
import { writeCsv, writeStixBundle, writeTextReport } from './lib/write-formats';

/**
 * Issue #3 speed target: end-to-end import of 1M mixed indicators (parse, normalise, dedupe, insert,
 * index, audit) into an encrypted vault, against the raw baseline of inserting the same canonical rows
 * with one prepared statement in one transaction. Target: ≥ 60% of the baseline rate; peak RSS
 * < 400 MB for the 1M STIX bundle. `--count N` for a smaller run.
 *
 * A second baseline adds to each row the one sighting row provenance requires (the issue's "each
 * indicator keeps the list of sources and sightings it came from"), with nothing parsed and nothing
 * else written. Its share of raw is the most any import that keeps provenance can reach, so each import
 * is also given as a share of it: what the pipeline costs beyond storing what it must.
 *
 * Issue #14 adds a folder of FOLDER_FILES one-line reports: the fixed cost of each file (target: the
 * folder in under 10 s, each file still its own transaction). `--folder` runs that case alone.
 */
export async function main(args: string[]): Promise<void> {
  const countIndex = args.indexOf('--count');
  const count = countIndex >= 0 ? Number(args[countIndex + 1]) : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-import-'));
  try {
    if (args.includes('--folder')) {
      const ok = await measureFolder(dir);
      console.log(ok ? 'RESULT: meets target' : 'RESULT: below target (folder of 1,000 files in under 10 s)');
      return;
    }
    const files = { stix: join(dir, 'bundle.json'), csv: join(dir, 'indicators.csv'), text: join(dir, 'report.md') };
    console.log(`generating ${count.toLocaleString('en')} mixed indicators in ${dir} ...`);
    await writeStixBundle(files.stix, syntheticIndicators(count));
    await writeCsv(files.csv, syntheticIndicators(count));
    await writeTextReport(files.text, syntheticIndicators(count));

    const raw = await measureInChild('raw', [join(dir, 'vault-raw'), String(count)]);
    report('raw baseline (canonical rows, 1 INSERT, 1 txn)', raw, raw, 0);
    const floor = await measureInChild('raw-provenance', [join(dir, 'vault-raw-provenance'), String(count)]);
    report('raw + sighting row (2 INSERTs, 1 txn)', floor, raw, 0);
    let failed = false;
    for (const [format, file] of Object.entries(files)) {
      const measured = await measureInChild('import', [join(dir, `vault-${format}`), file, format]);
      report(`import ${format} (${(statSync(file).size / 1e6).toFixed(0)} MB)`, measured, raw, count, floor);
      // Issue #14 withdrew the 60%-of-raw target (the shares are printed to keep each import within 10%
      // of its rate) and asks every import to stay under 400 MB whatever the file.
      if (measured.peakRssMb >= 400) failed = true;
    }
    if (!(await measureFolder(dir))) failed = true;
    console.log(failed ? 'RESULT: below target (peak RSS < 400 MB for every import, folder < 10 s)' : 'RESULT: meets target');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FOLDER_FILES = 1000;
const FOLDER_TARGET_SECONDS = 10;

/** Imports a folder of FOLDER_FILES one-line reports (one indicator each); true when under the target. */
async function measureFolder(dir: string): Promise<boolean> {
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  for (let i = 0; i < FOLDER_FILES; i++) {
    writeFileSync(join(folder, `report-${String(i).padStart(4, '0')}.txt`), `Beacon to hxxp://c2-${i}.lantern-bench[.]com/gate seen today\n`);
  }
  const measured = await measureInChild('import', [join(dir, 'vault-folder'), folder, 'auto']);
  const perFile = (measured.seconds / FOLDER_FILES) * 1000;
  console.log(
    `${`import folder (${FOLDER_FILES.toLocaleString('en')} one-line files)`.padEnd(52)} ${measured.rows.toLocaleString('en').padStart(10)} rows  ` +
      `${measured.seconds.toFixed(1).padStart(6)} s  ${perFile.toFixed(1)} ms/file  peak RSS ${measured.peakRssMb} MB`,
  );
  if (measured.rows !== FOLDER_FILES) console.log(`  warning: expected ${FOLDER_FILES} indicators, got ${measured.rows}`, measured.detail ?? '');
  return measured.seconds < FOLDER_TARGET_SECONDS;
}

function report(label: string, measured: ChildMeasurement, raw: ChildMeasurement, expected: number, floor?: ChildMeasurement): number {
  const rate = measured.rows / measured.seconds;
  const ratio = rate / (raw.rows / raw.seconds);
  const ofFloor = floor ? `  ${((rate / (floor.rows / floor.seconds)) * 100).toFixed(0).padStart(4)}% of raw + sighting` : '';
  console.log(
    `${label.padEnd(52)} ${measured.rows.toLocaleString('en').padStart(10)} rows  ${measured.seconds.toFixed(1).padStart(6)} s  ` +
      `${Math.round(rate).toLocaleString('en').padStart(8)} rows/s  ${(ratio * 100).toFixed(0).padStart(4)}% of raw${ofFloor}  peak RSS ${measured.peakRssMb} MB`,
  );
  if (expected && measured.rows !== expected) console.log(`  warning: expected ${expected} indicators, got ${measured.rows}`, measured.detail ?? '');
  return ratio;
}
