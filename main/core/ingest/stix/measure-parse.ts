/**
 * Measures the STIX parser alone on a synthetic bundle: `npx tsx main/core/ingest/stix/measure-parse.ts [count]`.
 * Prints MB/s, objects/s and peak RSS; the lead's bench/ suite reuses writeSyntheticStixBundle.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStix } from './parse-stix';
import { writeSyntheticStixBundle } from './synthetic-bundle';

/** Generates a bundle of `count` indicators, parses it, and returns the figures. */
export async function measureStixParse(count: number): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'stix-measure-'));
  try {
    const path = join(dir, 'bundle.json');
    const bytes = await writeSyntheticStixBundle(path, count);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let records = 0;
    let contexts = 0;
    for await (const item of parseStix(createReadStream(path, { highWaterMark: 1 << 20 }), { fileName: 'bundle.json' })) {
      if (item.kind === 'record') records++;
      else if (item.kind === 'context') contexts++;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine wall time depends on other load; CPU time (user + system) does not.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const objects = count + Math.ceil(count / 10) + 5;
    return {
      megabytes: bytes / 1e6,
      seconds,
      mbPerSecond: bytes / 1e6 / seconds,
      objectsPerSecond: objects / seconds,
      cpuSeconds,
      mbPerCpuSecond: bytes / 1e6 / cpuSeconds,
      objectsPerCpuSecond: objects / cpuSeconds,
      records,
      contextUpdates: contexts,
      rssBeforeMb: rssBefore / 1e6,
      peakRssMb: peakRss / 1e6,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('measure-parse.ts')) {
  const count = Number(process.argv[2] ?? 1_000_000);
  measureStixParse(count).then((figures) => console.log(JSON.stringify(figures, null, 2)));
}
