import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIEFING_EXPORT_FORMATS, BriefingService, readBriefingForExport } from '../main/core/briefings';
import { createVault } from '../main/core/vault';
import { seedQueueIndicators } from './lib/seed-queue-indicators';

/**
 * A briefing attaching 50,000 indicators (issue #11) on a real encrypted vault: attach in one step, save
 * a version (a copy of every attachment row), read the export snapshot with live indicator state, and
 * export it to every format (the snapshot read included, as the app and CLI run it). The raw baseline is
 * a plain SELECT of the same 50,000 indicator rows. `--indicators N` to scale, `--formats html,stix` to
 * choose formats (PDF needs Chromium).
 */
export async function main(args: string[]): Promise<void> {
  const count = Number(args[args.indexOf('--indicators') + 1]) || 50_000;
  const formatArg = args.indexOf('--formats') >= 0 ? args[args.indexOf('--formats') + 1]!.split(',') : [...BRIEFING_EXPORT_FORMATS];
  const formats = BRIEFING_EXPORT_FORMATS.filter((f) => formatArg.includes(f));
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-briefings-'));
  try {
    const vault = await createVault(join(dir, 'vault'), 'bench passphrase, not a secret', { actor: 'bench', kdf: { N: 2 ** 14, r: 8, p: 1 } });
    const db = vault.db;
    seedQueueIndicators(db, count);
    const service = new BriefingService({ reader: () => db, writer: () => db, author: () => ({ actor: 'bench', at: new Date() }), changed: () => undefined });
    const briefing = service.create({ title: 'Bench briefing', tlp: 'red', bodyMarkdown: '## Infrastructure\nText.\n## Indicators\nSee the table.' });

    const raw = ms(() => db.prepare('SELECT id, type, value, tlp_rank, status, sightings FROM indicators ORDER BY id LIMIT ?').all(count));
    console.log(`raw SELECT of ${count.toLocaleString('en-US')} indicator rows: ${raw.toFixed(0)} ms (baseline)`);
    const attach = ms(() => service.attach(briefing.id, { where: 'status!=expired' }));
    console.log(`attach ${count.toLocaleString('en-US')} by --where (one version): ${attach.toFixed(0)} ms (${(attach / raw).toFixed(1)}x baseline)`);
    const save = ms(() => service.save(briefing.id, { patch: { summary: 'changed' } }));
    console.log(`save a version (copies ${count.toLocaleString('en-US')} attachment rows): ${save.toFixed(0)} ms (${(save / raw).toFixed(1)}x)`);
    const read = ms(() => readBriefingForExport(db, briefing.id));
    console.log(`export snapshot with live indicator state: ${read.toFixed(0)} ms (${(read / raw).toFixed(1)}x)`);
    for (const format of formats) {
      const started = performance.now();
      const outcome = await service.export({ id: briefing.id, format, tlpMax: 'red' }, { kind: 'folder', folder: join(dir, 'exports') });
      const took = performance.now() - started;
      console.log(`export ${format.padEnd(4)} ${(took / 1000).toFixed(2)} s, ${(outcome.bytes / 1024 / 1024).toFixed(1)} MiB, marking ${outcome.marking}`);
    }
    vault.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ms(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}
