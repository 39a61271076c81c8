import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStix } from './parse-stix';
import { writeSyntheticStixBundle } from './synthetic-bundle';

describe('writeSyntheticStixBundle', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('writes a bundle that parses to one record per indicator and one update per relationship', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stix-synthetic-'));
    dirs.push(dir);
    const path = join(dir, 'bundle.json');
    const bytes = await writeSyntheticStixBundle(path, 5000);
    expect((await stat(path)).size).toBe(bytes);
    const counts = { record: 0, context: 0, reject: 0, note: 0 };
    for await (const item of parseStix(createReadStream(path, { highWaterMark: 4096 }), { fileName: 'bundle.json' })) counts[item.kind]++;
    expect(counts).toEqual({ record: 5000, context: 500, reject: 0, note: 0 });
  });
});
