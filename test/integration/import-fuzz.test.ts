import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../main/core/ingest/import/parsers';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles, ingestFixture, withinMs } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';
import { propertySeed } from '../helpers/property-seed';
import { countAudit, dumpVault } from '../helpers/vault-dump';

/**
 * Import-level fuzzing: random bytes and mutated real fixtures, under every --format. Whatever the input,
 * the import returns a summary (only CANCELLED may be thrown, and nothing cancels here), finishes quickly,
 * lists well-formed errors, and a file it did not commit left the vault byte-identical. Set LIAISON_PROPERTY_SEED to replay a
 * failing run.
 */
const FIXTURES = [
  ['stix', 'bundle-2.1.json'],
  ['stix', 'playbook-2.0.json'],
  ['misp', 'event-amber-strict.json'],
  ['misp', 'response-list.json'],
  ['csv', 'vendor-feed.csv'],
  ['csv', 'urlhaus-style.csv'],
  ['csv', 'feed.tsv'],
  ['text', 'apt-report.md'],
  ['text', 'apt-report.html'],
  ['real', 'opencti-export-2.1.json'],
  ['real', 'circl-osint-event.json'],
  ['real', 'urlhaus-recent.csv'],
].map(([folder, name]) => ({ name: name!, bytes: fs.readFileSync(ingestFixture(folder!, name!)) }));

const FORMATS: ImportFormat[] = ['auto', 'stix', 'misp', 'csv', 'text'];

type Mutation = { kind: 'truncate'; at: number } | { kind: 'flip'; at: number[]; mask: number } | { kind: 'insert'; at: number; junk: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    junk: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc.constantFrom(...['{', ']', '"', '\\', '\u0000', '\r\n', '\uFEFF', '[[[[[[[[', '"objects": {}', ',,,', '\xff\xfe'].map((s) => new Uint8Array(Buffer.from(s, 'latin1')))),
    ),
  }),
);

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    if (out.length === 0) break;
    if (m.kind === 'truncate') out = out.subarray(0, m.at % out.length);
    else if (m.kind === 'flip') for (const at of m.at) out[at % out.length]! ^= m.mask;
    else {
      const at = m.at % (out.length + 1);
      out = Buffer.concat([out.subarray(0, at), m.junk, out.subarray(at)]);
    }
  }
  return out;
}

const input: fc.Arbitrary<{ name: string; bytes: Buffer }> = fc.oneof(
  fc.record({ name: fc.constantFrom('random.bin', 'random.json', 'random.csv', 'random'), bytes: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) }),
  fc
    .tuple(fc.integer({ min: 0, max: FIXTURES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([i, mutations]) => ({ name: FIXTURES[i]!.name, bytes: mutate(FIXTURES[i]!.bytes, mutations) })),
);

const dirs = tempDirs('liaison-import-fuzz-');
let vault: Vault;
let scratch: string;
beforeAll(async () => {
  vault = await createImportVault(dirs.make());
  scratch = dirs.make();
});
afterAll(() => {
  vault.close();
  dirs.cleanup();
});

describe('import fuzzing', () => {
  it('never throws, never hangs, and a file not committed leaves the vault unchanged', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom(...FORMATS), fc.boolean(), async (file, format, strict) => {
        const dir = path.join(scratch, String(run++));
        fs.mkdirSync(dir);
        const target = path.join(dir, file.name);
        fs.writeFileSync(target, file.bytes);
        const before = dumpVault(vault.db);
        const audit = countAudit(vault.db);
        const summary = await withinMs(importFiles(vault, [target], { format, strict }), 10_000, `import of ${file.name} as ${format}`);
        expect(summary.files).toBe(1);
        for (const error of summary.errors) {
          expect(error.file).toBe(file.name);
          expect(error.location.trim()).not.toBe('');
          expect(error.reason.trim()).not.toBe('');
        }
        const [result] = summary.results;
        if (result?.committed) {
          expect(countAudit(vault.db)).toBe(audit + 1);
          if (strict) expect(result.rejected).toBe(0);
        } else {
          // Not committed means refused with a reason, or the very same bytes were committed by an earlier run
          // (a non-strict import commits a file of rejects): then the note names that import instead.
          if (result?.alreadyImported) expect(result.notes.map((n) => n.reason).join()).toContain('already imported');
          else expect(summary.errors.length).toBeGreaterThan(0);
          expect(countAudit(vault.db)).toBe(audit);
          expect(dumpVault(vault.db)).toBe(before);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 150, interruptAfterTimeLimit: 100_000, ...propertySeed() },
    );
  }, 120_000);
});
