import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiaison } from '../helpers/cli-process';
import { createImportVault, ingestFixture } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * `liaison import` and `liaison indicators` as shipped (spawned `node bin/liaison.mjs`), against one vault
 * walked through in order. Each spawn costs about half a second, so every call checks several things.
 */
const dirs = tempDirs('liaison-cli-import-');
let home: string;
let env: Record<string, string>;
let inputs: string;

beforeAll(async () => {
  home = dirs.make();
  // Created in-process with the cheap KDF; the CLI then unlocks it through LIAISON_VAULT/LIAISON_PASSPHRASE.
  const vault = await createImportVault(home);
  const location = vault.location;
  vault.close();
  env = { HOME: home, LIAISON_VAULT: location, LIAISON_PASSPHRASE: 'import test passphrase', LIAISON_ANALYST: 'cli-importer' };
  inputs = path.join(home, 'inputs');
  fs.mkdirSync(path.join(inputs, 'mixed'), { recursive: true });
  const copy = (from: string[], to: string) => fs.copyFileSync(ingestFixture(...from), path.join(inputs, to));
  copy(['stix', 'playbook-2.0.json'], 'mixed/playbook-2.0.json');
  copy(['real', 'feodo-ipblocklist.csv'], 'mixed/feodo-ipblocklist.csv');
  copy(['text', 'incident notes'], 'mixed/incident notes');
  copy(['bad', 'truncated-bundle.json'], 'mixed/truncated-bundle.json');
  copy(['bad', 'ragged-rows.csv'], 'ragged-rows.csv');
  fs.writeFileSync(path.join(inputs, 'mapped.csv'), 'seen_at,artefact_x,klass\n2024-05-02,map-target[.]net,domain\n2024-05-03,198.51.100.140,ip-dst\n');
});
afterAll(() => dirs.cleanup());

/** stderr is exactly one `liaison: …` line. */
const ONE_LINE = /^liaison: [^\n]+\n$/;

describe('liaison import (spawned)', () => {
  it('imports a folder of mixed files with --json; a broken file makes it exit 1 with one stderr line', async () => {
    const result = await runLiaison(['import', path.join(inputs, 'mixed'), '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(/1 of 4 file\(s\) not imported/);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['files', 'records', 'indicators_new', 'indicators_merged', 'rejected', 'errors']));
    expect(summary).toMatchObject({ files: 4, indicators_merged: 0, rejected: 0 });
    // playbook 9 + feodo 5 + incident notes (2 IPs, 1 URL, 1 hash, plus what the scanner accepts).
    expect(summary.indicators_new).toBeGreaterThanOrEqual(9 + 5 + 4);
    expect(summary.errors).toEqual([{ file: 'truncated-bundle.json', location: expect.stringMatching(/^byte \d+ \(line \d+\)$/), reason: 'unexpected end of JSON' }]);
    const byFile = Object.fromEntries((summary.results as { file: string; committed: boolean; format: string }[]).map((r) => [r.file, [r.format, r.committed]]));
    expect(byFile).toEqual({
      'feodo-ipblocklist.csv': ['csv', true],
      'incident notes': ['text', true],
      'playbook-2.0.json': ['stix', true],
      'truncated-bundle.json': ['stix', false],
    });
  });

  it('--strict is all or nothing (exit 1, hint at the default); without it the valid rows commit, exit 0, rejects counted on stderr', async () => {
    const file = path.join(inputs, 'ragged-rows.csv');
    const strict = await runLiaison(['import', file, '--strict'], env);
    expect(strict).toMatchObject({ code: 1 });
    expect(strict.stderr).toMatch(ONE_LINE);
    expect(strict.stderr).toContain('without --strict the valid values are imported');
    expect(strict.stdout).toMatch(/ragged-rows\.csv\s+csv\s+NOT IMPORTED/);
    const lenient = await runLiaison(['import', file, '--json', '--source', 'ragged feed', '--tlp', 'green'], env);
    expect(lenient).toMatchObject({ code: 0, stderr: 'liaison: imported 1 file(s); 2 value(s) rejected (listed in "errors")\n' });
    expect(JSON.parse(lenient.stdout)).toMatchObject({ files: 1, records: 2, indicators_new: 2, rejected: 2, errors: [{ location: 'line 3' }, { location: 'line 4' }] });
    // --partial, the old way to ask for this, is still accepted and changes nothing.
    // (A copy with other values: a file already imported may be recognised as such.)
    const again = path.join(inputs, 'ragged-again.csv');
    fs.writeFileSync(again, fs.readFileSync(file, 'utf8').replaceAll('ragged-', 'again-'));
    const alias = await runLiaison(['import', again, '--partial'], env);
    expect(alias.code).toBe(0);
    expect(alias.stdout).toMatch(/ragged-again\.csv\s+csv\s+imported\s+2\s+1\s+1\s+2/);
    expect(alias.stdout).toMatch(/Rejected:\n {2}ragged-again\.csv: line 3: /);
  });

  it('in a folder a file with nothing found is a note (exit 0); named alone it is still an error (exit 1)', async () => {
    const folder = path.join(inputs, 'reports');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'README.md'), '# Reports\n\nOne file per incident, newest first.\n');
    fs.writeFileSync(path.join(folder, 'empty.txt'), '');
    fs.writeFileSync(path.join(folder, 'incident-7.txt'), 'Beacon to hxxp://folder-c2[.]com/gate every 60 s\n');
    const result = await runLiaison(['import', folder, '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ files: 3, indicators_new: 1, errors: [] });
    expect(summary.notes).toEqual([
      { file: 'README.md', location: 'file', reason: 'no indicators found (read as text)' },
      { file: 'empty.txt', location: 'byte 0', reason: 'empty file' },
    ]);
    expect(summary.results.map((r: { file: string; committed: boolean; skipped: boolean }) => [r.file, r.committed, r.skipped])).toEqual([
      ['README.md', false, true],
      ['empty.txt', false, true],
      ['incident-7.txt', true, false],
    ]);
    const alone = await runLiaison(['import', path.join(folder, 'README.md')], env);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(/README\.md\s+text\s+NOT IMPORTED/);
    expect(alone.stdout).toContain('no indicators found (read as text)');
  });

  it('--format csv --map maps unusual column names', async () => {
    const result = await runLiaison(['import', path.join(inputs, 'mapped.csv'), '--format', 'csv', '--map', 'value=artefact_x,type=klass,firstSeen=seen_at', '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ files: 1, records: 2, indicators_new: 2, rejected: 0 });
  });

  it('the same file again exits 0, changes nothing and says when it was imported (issue #17.3)', async () => {
    const file = path.join(inputs, 'mapped.csv');
    const again = await runLiaison(['import', file, '--format', 'csv', '--map', 'value=artefact_x,type=klass,firstSeen=seen_at'], env);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/mapped\.csv\s+csv\s+already imported \d{4}-\d{2}-\d{2}\s+0\s+0\s+0\s+0/);
    expect(again.stdout).toMatch(/mapped\.csv: file: already imported on \d{4}-\d{2}-\d{2} \(source "mapped\.csv"\)/);
    const shown = await runLiaison(['indicators', 'show', 'domain:map-target[.]net', '--json'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ sightings: 1 });
  });
});

describe('liaison indicators (spawned)', () => {
  it('list --type domain --json lists only domains, canonical', async () => {
    const result = await runLiaison(['indicators', 'list', '--type', 'domain', '--json', '--limit', '500'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(result.stdout) as { type: string; value: string; tlp: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['domain']));
    expect(rows.map((r) => r.value)).toEqual(expect.arrayContaining(['map-target.net', 'anchor-sync.example.org']));
  });

  it('show TYPE:VALUE accepts a defanged value', async () => {
    const result = await runLiaison(['indicators', 'show', 'domain:map-target[.]NET', '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const detail = JSON.parse(result.stdout);
    expect(detail).toMatchObject({ type: 'domain', value: 'map-target.net', tlp: 'amber', firstSeen: '2024-05-02T00:00:00.000Z' });
    expect(detail.sources).toEqual([expect.objectContaining({ fileName: 'mapped.csv', format: 'csv' })]);
  });

  it('show of an unknown id exits 1 with one line', async () => {
    const result = await runLiaison(['indicators', 'show', '99999'], env);
    expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(ONE_LINE) });
    expect(result.stderr).toContain('99999');
  });

  it.each([
    [['--tlp', 'purple'], /purple/],
    [['--format', 'xml'], /xml/],
  ])('usage errors exit 2: import %j', async (args, message) => {
    const result = await runLiaison(['import', path.join(inputs, 'mapped.csv'), ...args], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(ONE_LINE);
  });
});
