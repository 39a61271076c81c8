import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../../vault';
import { importPaths, importSources, type ImportRequestOptions } from './import-job';

const made: string[] = [];
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ vault: Vault; write(name: string, content: string): string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-import-job-'));
  made.push(dir);
  const vault = await createVault(path.join(dir, 'vault'), 'a passphrase for tests', { actor: 'test', kdf: { N: 2 ** 14, r: 8, p: 1 } });
  open.push(vault);
  return { vault, write: (name, content) => (fs.writeFileSync(path.join(dir, name), content), path.join(dir, name)) };
}

function dump(vault: Vault): unknown {
  const rows = (sql: string): unknown[] => vault.db.prepare(sql).all();
  return {
    indicators: rows('SELECT id, type, value, tlp_rank, first_seen, last_seen, sightings FROM indicators ORDER BY id'),
    sightings: rows('SELECT indicator_id, source_id, sightings, tlp_rank, first_seen, last_seen, location FROM indicator_sources ORDER BY 1, 2'),
    context: rows('SELECT * FROM indicator_context ORDER BY 1, 2, 3, 4, 5'),
    tags: rows('SELECT * FROM indicator_tags ORDER BY 1, 2'),
  };
}

/** 300 rows, so the writer's multi-row groups (128 rows) are crossed; rows 130 and 250 repeat earlier ones. */
function feed(): string {
  const lines = ['value,type,first_seen,tags,comment'];
  for (let i = 0; i < 300; i++) {
    const n = i === 130 ? 3 : i === 250 ? 140 : i;
    lines.push(`host-${n}.example,domain,2024-05-0${1 + (i % 9)}T00:00:00Z,tag-${n % 3},row ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const options = (parseWorker: 'always' | 'off', extra: Partial<ImportRequestOptions> = {}): ImportRequestOptions => ({
  format: 'auto',
  strict: false,
  actor: 'test',
  now: () => new Date('2024-06-01T00:00:00.000Z'),
  parseWorker,
  ...extra,
});

describe('importPaths with the batched writer', () => {
  it('writes the same rows whether the file is parsed in a worker or in this thread', async () => {
    const results: unknown[] = [];
    for (const mode of ['off', 'always'] as const) {
      const { vault, write } = await setup();
      const file = write('feed.csv', feed());
      const summary = await importPaths(vault.db, [file], options(mode));
      expect(summary).toMatchObject({ records: 300, indicators_new: 298, indicators_merged: 0, rejected: 0 });
      results.push(dump(vault));
    }
    expect(results[1]).toEqual(results[0]);
    const { indicators, sightings } = results[0] as { indicators: { value: string; sightings: number }[]; sightings: { sightings: number }[] };
    expect(indicators.find((i) => i.value === 'host-140.example')?.sightings).toBe(2);
    expect(sightings).toHaveLength(298);
  });

  it('the same file again changes nothing and says when it was imported (issue #17.3: re-pulls doubled every count)', async () => {
    const { vault, write } = await setup();
    const file = write('feed.csv', feed());
    await importPaths(vault.db, [file], options('always'));
    const before = dump(vault);
    for (const mode of ['always', 'off'] as const) {
      const again = await importPaths(vault.db, [file], options(mode));
      expect(again).toMatchObject({ records: 0, indicators_new: 0, indicators_merged: 0, rejected: 0, errors: [] });
      expect(again.results[0]).toMatchObject({ committed: false, alreadyImported: { sourceId: 1, sourceName: 'feed.csv', importedAt: '2024-06-01T00:00:00.000Z' } });
      expect(again.notes).toEqual([{ file: 'feed.csv', location: 'file', reason: expect.stringMatching(/^already imported on 2024-06-01 \(source "feed\.csv"\)/) }]);
      expect(dump(vault)).toEqual(before);
    }
    expect(vault.db.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 1 });
  });

  it('a different file naming the same values (tomorrow\'s feed) merges every indicator and adds one sighting each', async () => {
    const { vault, write } = await setup();
    await importPaths(vault.db, [write('feed.csv', feed())], options('always'));
    const tomorrow = write('feed-2.csv', feed().replace('value,type,', 'Value,Type,'));
    const again = await importPaths(vault.db, [tomorrow], options('always'));
    expect(again).toMatchObject({ records: 300, indicators_new: 0, indicators_merged: 298 });
    const counts = vault.db.prepare('SELECT sum(sightings) AS total, count(*) AS links FROM indicator_sources').get();
    expect(counts).toEqual({ total: 600, links: 596 });
  });

  it("turns the worker's fatal parse error into a file error and commits nothing", async () => {
    const { vault, write } = await setup();
    const file = write('broken.csv', 'value,type\n"evil.example,domain\n');
    const before = dump(vault);
    const summary = await importPaths(vault.db, [file], options('always', { format: 'csv' }));
    expect(summary.results[0]).toMatchObject({ committed: false });
    expect(summary.errors[0]).toMatchObject({ file: 'broken.csv' });
    expect(dump(vault)).toEqual(before);
  });

  it('a cancelled import rolls back and says CANCELLED', async () => {
    const { vault, write } = await setup();
    const file = write('feed.csv', feed());
    const controller = new AbortController();
    const importing = importPaths(vault.db, [file], { ...options('always'), signal: controller.signal, onProgress: () => controller.abort() });
    await expect(importing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vault.db.inTransaction).toBe(false);
    expect(vault.db.prepare('SELECT count(*) AS n FROM indicators').get()).toEqual({ n: 0 });
  });
});

describe('source names of MISP event files (issue #17.7)', () => {
  const event = (uuid: string, info: string, value: string): unknown => ({
    uuid, info, date: '2024-05-01', Orgc: { name: 'CIRCL' },
    Attribute: [{ uuid: `${uuid.slice(0, -4)}a001`, type: 'ip-dst', category: 'Network activity', to_ids: true, value }],
  });
  const sourceNames = (vault: Vault): string[] => (vault.db.prepare('SELECT name FROM sources ORDER BY id').all() as { name: string }[]).map((r) => r.name);

  it.each(['off', 'always'] as const)("names the source by the event's info, not the file's UUID name (parse worker %s)", async (worker) => {
    const { vault, write } = await setup();
    const file = write('5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10.json', JSON.stringify({ Event: event('5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10', 'AsyncRAT C2 servers, May 2024', '198.51.100.77') }));
    await importPaths(vault.db, [file], options(worker));
    expect(sourceNames(vault)).toEqual(['AsyncRAT C2 servers, May 2024']);
    const audit = vault.db.prepare("SELECT after_json FROM audit_entries WHERE action = 'indicators.import'").get() as { after_json: string };
    expect(JSON.parse(audit.after_json)).toMatchObject({ source: 'AsyncRAT C2 servers, May 2024', file: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10.json' });
  });

  it('keeps a name the analyst gave, and the file name for a list of several events', async () => {
    const { vault, write } = await setup();
    const one = write('6a2d0b4f-8e3c-4d9f-8b20-4c7e3f5d9b21.json', JSON.stringify({ Event: event('6a2d0b4f-8e3c-4d9f-8b20-4c7e3f5d9b21', 'Conti leak infrastructure', '198.51.100.78') }));
    await importPaths(vault.db, [one], options('off', { sourceName: 'Weekly CERT pull' }));
    const list = write('response.json', JSON.stringify({ response: [
      { Event: event('7b3e1c5a-9f4d-4ea0-9c31-5d8f4a6e0c32', 'First event', '198.51.100.79') },
      { Event: event('8c4f2d6b-a05e-4fb1-8d42-6e9a5b7f1d43', 'Second event', '198.51.100.80') },
    ] }));
    await importPaths(vault.db, [list], options('off'));
    expect(sourceNames(vault)).toEqual(['Weekly CERT pull', 'response.json']);
  });
});

describe('files chosen together in the app (issue #14: a folder picked or dropped)', () => {
  const bytes = (name: string, text: string) => ({ kind: 'bytes' as const, name, bytes: new TextEncoder().encode(text) });

  it('an uploaded file in which nothing is found is a note beside the others, not a failure', async () => {
    const { vault } = await setup();
    const summary = await importSources(vault.db, [bytes('README.md', '# How to use this folder\nNothing to see here.\n'), bytes('c2.txt', 'Beacon to hxxp://c2[.]badhost[.]top/gate\n'), bytes('empty.txt', '')], options('off'));
    expect(summary.errors).toEqual([]);
    expect(summary.results.map((r) => [r.file, r.committed, r.skipped])).toEqual([['README.md', false, true], ['c2.txt', true, false], ['empty.txt', false, true]]);
    expect(summary.notes).toEqual(expect.arrayContaining([{ file: 'README.md', location: 'file', reason: 'no indicators found (read as text)' }]));
  });

  it('the same files on disk chosen together behave alike; a file chosen alone still fails when nothing is found', async () => {
    const { vault, write } = await setup();
    const readme = write('README.md', '# How to use this folder\n');
    const together = await importSources(vault.db, [{ kind: 'path', path: readme }, { kind: 'path', path: write('c2.txt', 'hxxp://c2[.]badhost[.]top/gate\n') }], options('off'));
    expect(together.errors).toEqual([]);
    const alone = await importSources(vault.db, [bytes('README.md', '# How to use this folder\n')], options('off'));
    expect(alone.errors).toEqual([{ file: 'README.md', location: 'file', reason: 'no indicators found (read as text)' }]);
  });
});

describe('a report that names more values than the text parser remembers (issue #14: bounded memory)', () => {
  it('keeps only the first mention of a value, however far apart its mentions are', async () => {
    const { vault, write } = await setup();
    const lines = ['The loader beaconed to hxxp://first-mention[.]example/gate first.'];
    // More distinct values than the parser remembers (65,536), so the repeat below reaches the writer.
    for (let i = 0; i < 70_000; i++) lines.push(`- host-${i.toString(36)}.lantern-bench.com`);
    lines.push('Later the report says hxxp://first-mention[.]example/gate again, elsewhere.');
    const summary = await importPaths(vault.db, [write('long-report.md', `${lines.join('\n')}\n`)], options('off'));
    expect(summary).toMatchObject({ indicators_new: 70_001, rejected: 0 });
    const url = vault.db.prepare("SELECT id, sightings FROM indicators WHERE type = 'url' AND value = 'http://first-mention.example/gate'").get() as { id: number; sightings: number };
    expect(url.sightings).toBe(1);
    expect(vault.db.prepare('SELECT location, snippet FROM indicator_sources WHERE indicator_id = ?').all(url.id)).toEqual([
      { location: 'line 1, column 24', snippet: 'The loader beaconed to hxxp://first-mention[.]example/gate first.' },
    ]);
    expect(vault.db.prepare('SELECT count(*) AS n FROM indicator_context WHERE indicator_id = ?').get(url.id)).toEqual({ n: 0 });
  }, 120_000);
});

describe('uploaded bytes parsed in a worker (issue #14: peak memory whatever the file)', () => {
  const upload = (): Uint8Array => {
    let text = '';
    for (let i = 0; text.length < (1 << 20) + 1000; i++) text += `Observed hxxp://c2-${i}.lantern-bench[.]com/gate during the intrusion.\n`;
    // Its own buffer, as the browser host's upload reader makes one per file.
    const bytes = new Uint8Array(new ArrayBuffer(Buffer.byteLength(text)));
    bytes.set(Buffer.from(text));
    return bytes;
  };

  it('moves bytes the caller hands over into the worker rather than copying them', async () => {
    const { vault } = await setup();
    const bytes = upload();
    const summary = await importSources(vault.db, [{ kind: 'bytes', name: 'report.txt', bytes, movable: true }], options('always'));
    expect(summary.errors).toEqual([]);
    expect(summary.indicators_new).toBeGreaterThan(10_000);
    expect(bytes.byteLength).toBe(0); // moved: this thread no longer holds a copy
  });

  it('copies bytes the caller keeps, and imports the same', async () => {
    const { vault } = await setup();
    const bytes = upload();
    const summary = await importSources(vault.db, [{ kind: 'bytes', name: 'report.txt', bytes }], options('always'));
    expect(summary.errors).toEqual([]);
    expect(bytes.byteLength).toBeGreaterThan(1 << 20);
  });
});
