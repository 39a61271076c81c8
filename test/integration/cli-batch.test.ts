import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault } from '../../main/core/vault';
import { runLiaison } from '../helpers/cli-process';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF } from '../helpers/vault-forge';

/**
 * Issue #16: analysts loop `liaison` over many values (a mail filter, a SIEM lookup); one process per value
 * paid the start-up each time. Batch forms take many keys, or --stdin one per line, in one unlock.
 */
const dirs = tempDirs('liaison-cli-batch-');
let env: Record<string, string>;

beforeAll(async () => {
  const location = path.join(dirs.make(), 'vault');
  const vault = await createVault(location, 'batch test passphrase', { actor: 'ana', kdf: FAST_KDF });
  seedIndicators(vault.db, [
    { type: 'domain', value: 'evil.example' },
    { type: 'domain', value: 'bad.example' },
    { type: 'ipv4', value: '198.51.100.7' },
  ]);
  vault.close();
  env = { HOME: dirs.make(), LIAISON_VAULT: location, LIAISON_PASSPHRASE: 'batch test passphrase', LIAISON_ANALYST: 'batcher' };
});
afterAll(() => dirs.cleanup());

describe('batch lookups and triage (spawned, built CLI)', () => {
  it('indicators show KEY KEY --json prints one array in key order, each with found', async () => {
    const result = await runLiaison(['indicators', 'show', 'domain:evil[.]example', 'ipv4:198.51.100.7', '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual([
      { key: 'domain:evil[.]example', found: true, indicator: expect.objectContaining({ value: 'evil.example' }) },
      { key: 'ipv4:198.51.100.7', found: true, indicator: expect.objectContaining({ value: '198.51.100.7' }) },
    ]);
  });

  it('indicators show --stdin --jsonl prints one line per key; unknown and invalid keys are lines too, and exit 1', async () => {
    const input = 'domain:bad.example\r\n\nmd5:nothex\ndomain:absent.example\n  3  \n';
    const result = await runLiaison(['indicators', 'show', '--stdin', '--jsonl'], env, input);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { key: 'domain:bad.example', found: true, indicator: expect.objectContaining({ value: 'bad.example' }) },
      { key: 'md5:nothex', found: false, error: expect.stringContaining('md5:nothex') },
      { key: 'domain:absent.example', found: false, error: 'not in this vault' },
      { key: '3', found: true, indicator: expect.objectContaining({ value: '198.51.100.7' }) },
    ]);
    expect(result).toMatchObject({ code: 1, stderr: 'liaison: 2 of 4 indicators not found or not valid keys (listed in the output)\n' });
  });

  it('triage --stdin changes every key in one bulk change; --jsonl prints {key, id} per key', async () => {
    const result = await runLiaison(['triage', '--stdin', '--status', 'malicious', '--jsonl'], env, 'domain:evil.example\ndomain:bad.example\n');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual([
      { key: 'domain:evil.example', id: 1 },
      { key: 'domain:bad.example', id: 2 },
    ]);
    const shown = await runLiaison(['indicators', 'show', '1', '2', '--json'], env);
    expect(JSON.parse(shown.stdout).map((r: { indicator: { status: string } }) => r.indicator.status)).toEqual(['malicious', 'malicious']);
  });

  it('a fresh checkout with no build still answers --help, from the sources, saying nothing else', async () => {
    const built = await runLiaison(['--help'], env);
    const fresh = await runLiaison(['--help'], { ...env, LIAISON_CLI_REQUIRE_BUILD: '', LIAISON_CLI_BUILD_DIR: path.join(dirs.make(), 'no-build') });
    expect(fresh).toEqual({ code: 0, stdout: built.stdout, stderr: '' });
    expect(fresh.stdout).toMatch(/^Usage: liaison \[options\] \[command\]/);
    for (const group of ['vault', 'audit', 'import', 'indicators', 'triage', 'warninglists']) expect(fresh.stdout).toContain(`  ${group} `);
  });

  it('the tests run the build: a source newer than the build is refused under LIAISON_CLI_REQUIRE_BUILD', async () => {
    const outDir = path.join(dirs.make(), 'cli');
    fs.cpSync(path.resolve('out/cli'), outDir, { recursive: true });
    const old = new Date('2000-01-01T00:00:00Z');
    fs.utimesSync(path.join(outDir, 'liaison.js'), old, old);
    const result = await runLiaison(['--help'], { ...env, LIAISON_CLI_BUILD_DIR: outDir });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^liaison: the built CLI is not current \(.+ changed since the build\)/) });
  });
});
