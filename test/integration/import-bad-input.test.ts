import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../main/core/ingest/import/parsers';
import type { ImportSummary } from '../../main/core/ingest/import/import-summary';
import type { Vault } from '../../main/core/vault';
import { deepNesting, writeHugeStringBundle } from '../helpers/bad-input';
import { createImportVault, importFiles, ingestFixture, withinMs } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';
import { countAudit, dumpVault } from '../helpers/vault-dump';

/**
 * Issue #3, "bad input never costs data": every malformed input ends in a clear error naming the file
 * and the place, without a crash or a hang, and the vault stays byte-identical. One vault is shared by
 * the whole file; a good import first makes "unchanged" mean something.
 */
const dirs = tempDirs('liaison-import-bad-');
let vault: Vault;
let scratch: string;
let baseline: string;

beforeAll(async () => {
  const dir = dirs.make();
  scratch = dirs.make();
  vault = await createImportVault(dir);
  const seeded = await importFiles(vault, [ingestFixture('stix', 'playbook-2.0.json')]);
  expect(seeded.results[0]?.committed).toBe(true);
  baseline = dumpVault(vault.db);
});
afterAll(() => {
  vault.close();
  dirs.cleanup();
});

const bad = (name: string) => ingestFixture('bad', name);

/** Imports within `ms` and checks the refusal: nothing committed, located errors, vault unchanged. */
async function expectRefused(paths: string[], options: { format?: ImportFormat; ms?: number } = {}): Promise<ImportSummary> {
  const audit = countAudit(vault.db);
  const summary = await withinMs(importFiles(vault, paths, { format: options.format ?? 'auto' }), options.ms ?? 10_000, `import of ${paths.map((p) => path.basename(p)).join(', ')}`);
  expect(summary.results.filter((r) => r.committed)).toEqual([]);
  expect(summary.errors.length).toBeGreaterThan(0);
  expectWellFormedErrors(summary);
  expect(countAudit(vault.db)).toBe(audit);
  expect(dumpVault(vault.db)).toBe(baseline);
  return summary;
}

function expectWellFormedErrors(summary: ImportSummary): void {
  for (const error of summary.errors) {
    expect(error).toEqual({ file: expect.any(String), location: expect.any(String), reason: expect.any(String) });
    expect(error.file.trim()).not.toBe('');
    expect(error.location.trim()).not.toBe('');
    expect(error.reason.trim()).not.toBe('');
    // One clear line: no stack trace, no multi-line dump of the input.
    expect(error.reason).not.toMatch(/\n|\bat .+:\d+:\d+/);
    expect(error.reason.length).toBeLessThan(400);
  }
}

const BYTE_PLACE = /^byte \d+( \(line \d+\))?$/;

describe('malformed JSON', () => {
  it.each([
    ['truncated-bundle.json', 'stix'],
    ['truncated-event.json', 'misp'],
  ])('truncated %s (%s): "unexpected end of JSON" at the byte and line where it stops', async (name, format) => {
    const summary = await expectRefused([bad(name)]);
    expect(summary.results[0]?.format).toBe(format);
    expect(summary.errors).toEqual([{ file: name, location: expect.stringMatching(BYTE_PLACE), reason: 'unexpected end of JSON' }]);
    expect(summary.errors[0]?.location).toContain(`byte ${fs.statSync(bad(name)).size}`);
  });

  it('a bundle whose "objects" is an object names "objects"', async () => {
    const summary = await expectRefused([bad('objects-not-array.json')]);
    expect(summary.errors).toEqual([{ file: 'objects-not-array.json', location: 'objects', reason: expect.stringMatching(/must be an array/) }]);
  });

  it('an indicator with "pattern": 5 is a reject at its object; the valid one beside it is not committed either', async () => {
    const summary = await expectRefused([bad('pattern-number.json')]);
    expect(summary.errors).toEqual([
      { file: 'pattern-number.json', location: 'objects[1] (indicator--2c3d4e5f-6071-4829-8b3c-4d5e6f7a8b91)', reason: expect.stringMatching(/pattern/) },
    ]);
    expect(summary.results[0]).toMatchObject({ records: 1, rejected: 1, committed: false });
  });

  it('a MISP event with "Attribute": "x" is an error at Attribute, not an empty event', async () => {
    // Regression: the event used to be committed as "without attributes" (fixed in misp-event-items.ts).
    const summary = await expectRefused([bad('attribute-string.json')]);
    expect(summary.errors).toEqual([{ file: 'attribute-string.json', location: expect.stringMatching(/Attribute$/), reason: 'MISP Attribute must be an array' }]);
  });

  it('invalid UTF-8 inside JSON names the offset of the first bad byte', async () => {
    const content = fs.readFileSync(bad('invalid-utf8.json'));
    const summary = await expectRefused([bad('invalid-utf8.json')]);
    expect(summary.errors).toEqual([{ file: 'invalid-utf8.json', location: `byte ${content.indexOf(0xe9)} (line 1)`, reason: expect.stringMatching(/UTF-8/) }]);
  });

  it.each([
    ['stix', 'auto'],
    ['stix', 'stix'],
    ['misp', 'auto'],
    ['misp', 'misp'],
    ['bare', 'stix'],
    ['bare', 'misp'],
  ] as const)('100,000 levels of nesting (%s, --format %s): refused at the 513th level, fast', async (wrap, format) => {
    const file = path.join(scratch, `deep-${wrap}-${format}.json`);
    fs.writeFileSync(file, deepNesting(100_000, wrap));
    const summary = await expectRefused([file], { format, ms: 5_000 });
    expect(summary.errors).toEqual([{ file: path.basename(file), location: expect.stringMatching(BYTE_PLACE), reason: expect.stringMatching(/nested deeper than \d+ levels/) }]);
  });

  it('a 100 MB string inside a STIX bundle: refused with a byte/line place, memory stays bounded', async () => {
    const file = path.join(scratch, 'huge-string.json');
    await writeHugeStringBundle(file, 100 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const summary = await expectRefused([file], { ms: 30_000 });
      expect(summary.errors).toEqual([{ file: 'huge-string.json', location: expect.stringMatching(BYTE_PLACE), reason: expect.stringMatching(/larger than \d+ bytes/) }]);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((peak - rssBefore) / 2 ** 20).toBeLessThan(200);
  }, 60_000);
});

describe('not text at all', () => {
  const formats: ImportFormat[] = ['auto', 'stix', 'misp', 'csv', 'text'];
  it.each(['random-bytes.bin', 'screenshot.png', 'iocs.zip'])('%s is refused under every --format with a byte place', async (name) => {
    for (const format of formats) {
      const summary = await expectRefused([bad(name)], { format });
      expect(summary.errors, `--format ${format}`).toEqual([{ file: name, location: expect.stringMatching(BYTE_PLACE), reason: expect.any(String) }]);
      if (format === 'auto' || format === 'csv' || format === 'text') expect(summary.errors[0]?.reason).toMatch(/binary/);
    }
  });

  it.each(['stix', 'misp'] as const)('an empty file with --format %s is "empty file" at byte 0', async (format) => {
    const summary = await expectRefused([bad('empty.json')], { format });
    expect(summary.errors).toEqual([{ file: 'empty.json', location: expect.stringMatching(/^byte 0/), reason: 'empty file' }]);
  });

  // Regression: an empty file was detected as text and committed as an import of 0 records.
  it('an empty file with --format auto is refused as "empty file"', async () => {
    try {
      const summary = await expectRefused([bad('empty.json')]);
      expect(summary.errors).toEqual([{ file: 'empty.json', location: expect.stringMatching(/^byte 0/), reason: expect.stringMatching(/empty/) }]);
    } finally {
      baseline = dumpVault(vault.db);
    }
  });
});

describe('CSV', () => {
  it('ragged rows are each a reject at their line; all or nothing', async () => {
    const summary = await expectRefused([bad('ragged-rows.csv')]);
    expect(summary.errors).toEqual([
      { file: 'ragged-rows.csv', location: 'line 3', reason: 'expected 3 fields, got 2' },
      { file: 'ragged-rows.csv', location: 'line 4', reason: 'expected 3 fields, got 4' },
    ]);
  });

  it('an unterminated quote is fatal, located by line', async () => {
    const summary = await expectRefused([bad('unterminated-quote.csv')]);
    // The quote opens on line 3; csv-parse reports the last line (4) when more lines follow it. Reported
    // to the lead as a small inaccuracy; either line is accepted here.
    expect(summary.errors).toEqual([{ file: 'unterminated-quote.csv', location: expect.stringMatching(/^line [34]$/), reason: 'unterminated quoted field at end of file' }]);
  });

  // Regression: one 100 MB field was buffered whole (RSS grew by 350-700 MB) before being refused.
  it('a 100 MB single CSV field is refused with bounded memory', async () => {
    const file = path.join(scratch, 'huge-field.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, 'value,type\n"');
    const piece = Buffer.alloc(1 << 20, 'A');
    for (let i = 0; i < 100; i++) fs.writeSync(out, piece);
    fs.writeSync(out, '",domain\n');
    fs.closeSync(out);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const summary = await expectRefused([file], { ms: 30_000 });
      expect(summary.errors).toEqual([{ file: 'huge-field.csv', location: 'line 2', reason: 'record longer than 1,048,576 characters' }]);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
      baseline = dumpVault(vault.db);
    }
    expect((Math.max(peak, process.memoryUsage().rss) - rssBefore) / 2 ** 20).toBeLessThan(200);
  }, 60_000);
});

describe('folders with entries that cannot be read', () => {
  it('a dangling symlink, a FIFO and a symlink loop are each named; the good file is imported once; no hang', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'mixed-'));
    fs.writeFileSync(path.join(dir, 'good.txt'), 'only good one: 198.51.100.250\n');
    fs.symlinkSync(path.join(dir, 'missing-target.json'), path.join(dir, 'dangling.json'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'loop'));
    const before = dumpVault(vault.db);
    const summary = await withinMs(importFiles(vault, [dir]), 10_000, 'folder import');
    expectWellFormedErrors(summary);
    expect(summary.results.filter((r) => r.committed).map((r) => r.file)).toEqual(['good.txt']);
    const byFile = Object.fromEntries(summary.errors.map((e) => [path.relative(dir, e.file), e]));
    expect(byFile).toEqual({
      'dangling.json': { file: path.join(dir, 'dangling.json'), location: 'file', reason: 'no such file or folder' },
      'pipe.csv': { file: path.join(dir, 'pipe.csv'), location: 'file', reason: expect.stringMatching(/not a regular file/) },
      'sub/loop': { file: path.join(dir, 'sub', 'loop'), location: 'folder', reason: expect.stringMatching(/loop/) },
    });
    // Only good.txt changed the vault: one source, one audit entry, the one indicator.
    const after = JSON.parse(dumpVault(vault.db)) as Record<string, string[]>;
    const was = JSON.parse(before) as Record<string, string[]>;
    expect(after.sources!.length).toBe(was.sources!.length + 1);
    expect(after.audit_entries!.length).toBe(was.audit_entries!.length + 1);
    expect(after.indicators!.length).toBe(was.indicators!.length + 1);
    baseline = dumpVault(vault.db);
  });

  it('two links back to the same folder do not make the walk exponential', async () => {
    // Regression: collect-inputs followed every link down to 32 levels: 2^32 paths with two self-links.
    const dir = fs.mkdtempSync(path.join(scratch, 'selfloop-'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"type": "bundle", "objects": [');
    fs.symlinkSync('.', path.join(dir, 'again'));
    fs.symlinkSync('.', path.join(dir, 'and-again'));
    const summary = await expectRefused([dir], { ms: 5_000 });
    expect(summary.files).toBe(3);
    expect(summary.errors.map((e) => e.location)).toEqual(['folder', 'folder', expect.stringMatching(BYTE_PLACE)]);
  });

  it('a FIFO named directly is refused without opening it', async () => {
    const fifo = path.join(scratch, 'named-pipe.json');
    execFileSync('mkfifo', [fifo]);
    const summary = await expectRefused([fifo], { ms: 5_000 });
    expect(summary.errors).toEqual([{ file: fifo, location: 'file', reason: expect.stringMatching(/not a regular file/) }]);
  });

  it('a MISP feed folder whose event file is a FIFO is refused without blocking on it', async () => {
    // Regression: the feed reader opened the FIFO and waited for a writer forever (misp-feed-folder.ts).
    const feed = path.join(scratch, 'feed-with-fifo');
    fs.cpSync(ingestFixture('misp', 'feed'), feed, { recursive: true });
    const event = path.join(feed, '9d5a3b7f-2c4e-4a6b-8d8f-3e5c7a9b1d22.json');
    fs.rmSync(event);
    execFileSync('mkfifo', [event]);
    try {
      const summary = await expectRefused([feed], { ms: 5_000 });
      expect(summary.errors).toContainEqual({ file: 'feed-with-fifo', location: path.basename(event), reason: expect.stringMatching(/not a regular file/) });
    } finally {
      // If the reader did block, give it EOF so the worker can exit instead of hanging the run.
      unblockFifo(event);
    }
  });

  it('a folder entry that cannot be read (chmod 000) is an error naming it, or is read when running as root', async () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'perm-'));
    const file = path.join(dir, 'locked.txt');
    fs.writeFileSync(file, 'locked away: 198.51.100.251\n');
    fs.chmodSync(file, 0o000);
    const isRoot = process.getuid?.() === 0;
    if (isRoot) {
      // Root ignores file modes: the import succeeds. Printed so the reduced check is visible in CI logs.
      console.info('chmod 000 check reduced: running as root, so the file is readable; dangling links and FIFOs cover unreadable entries.');
      const summary = await importFiles(vault, [dir]);
      expect(summary.results.map((r) => r.committed)).toEqual([true]);
      baseline = dumpVault(vault.db);
      return;
    }
    const summary = await expectRefused([dir]);
    expect(summary.errors).toEqual([{ file: 'locked.txt', location: 'file', reason: 'permission denied (cannot read it)' }]);
  });
});

/** Opens a FIFO for writing without blocking (O_NONBLOCK fails with ENXIO when nobody reads) and closes it. */
function unblockFifo(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader is waiting, which is the expected case.
  }
}
