import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiaison } from '../helpers/cli-process';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-cli-');
afterAll(() => dirs.cleanup());

let home: string;
let vault: string;
const env = (extra: Record<string, string> = {}) => ({ HOME: home, XDG_DATA_HOME: path.join(home, 'data'), LIAISON_ANALYST: 'cli-tester', ...extra });

beforeAll(() => {
  home = dirs.make();
  vault = path.join(home, 'vault');
});

/** The CLI as shipped, spawned as `node bin/liaison.mjs`: one vault walked through its life in order. */
describe('liaison CLI (spawned)', () => {
  it('vault init creates the vault and prints readable key/value lines', async () => {
    const result = await runLiaison(['--vault', vault, 'vault', 'init'], env({ LIAISON_PASSPHRASE: 'first passphrase' }));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Schema version\s+\d+$/m);
    expect(result.stdout).toMatch(/^KDF\s+scrypt N=131072 r=8 p=1$/m);
  });

  it('vault info --json prints one JSON document with the vault facts', async () => {
    const result = await runLiaison(['vault', 'info', '--json'], env({ LIAISON_VAULT: vault, LIAISON_PASSPHRASE: 'first passphrase' }));
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info).toMatchObject({ location: vault, cipher: 'sqlcipher-4', kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 }, passphraseChangedAt: null });
    expect(info.schemaVersion).toBeGreaterThanOrEqual(30);
    expect(info.counts).toMatchObject({ vault_meta: 1, audit_entries: 1, settings: 0 });
    expect(info.fileSizeBytes).toBeGreaterThan(4096);
  });

  it('init over an existing vault exits 1 with one line', async () => {
    const result = await runLiaison(['--vault', vault, 'vault', 'init'], env({ LIAISON_PASSPHRASE: 'another passphrase' }));
    expect(result).toEqual({ code: 1, stdout: '', stderr: `liaison: a vault already exists at ${vault}\n` });
  });

  it('a wrong passphrase exits 1 with "liaison: wrong passphrase"', async () => {
    const result = await runLiaison(['--vault', vault, 'vault', 'info'], env({ LIAISON_PASSPHRASE: 'nope' }));
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'liaison: wrong passphrase\n' });
  });

  it('--passphrase-file reads the first line without its newline', async () => {
    const file = path.join(home, 'pass.txt');
    fs.writeFileSync(file, 'first passphrase\nignored second line\n');
    const result = await runLiaison(['--vault', vault, '--passphrase-file', file, 'vault', 'info', '--json'], env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).vaultId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('vault rekey takes the new passphrase from the env; then only the new one works', async () => {
    const rekey = await runLiaison(['--vault', vault, 'vault', 'rekey'], env({ LIAISON_PASSPHRASE: 'first passphrase', LIAISON_NEW_PASSPHRASE: 'second passphrase' }));
    expect(rekey).toMatchObject({ code: 0, stderr: '' });
    expect(rekey.stdout).toMatch(/^Passphrase changed\s+\d{4}-/m);
    const info = await runLiaison(['--vault', vault, 'vault', 'info', '--json'], env({ LIAISON_PASSPHRASE: 'second passphrase' }));
    expect(JSON.parse(info.stdout).passphraseChangedAt).toMatch(/^\d{4}-/);
    const old = await runLiaison(['--vault', vault, 'vault', 'info'], env({ LIAISON_PASSPHRASE: 'first passphrase' }));
    expect(old.code).toBe(1);
  });

  it('vault rekey --rotate-data-key re-encrypts under a new data key, then rekeys back', async () => {
    const rotate = await runLiaison(
      ['--vault', vault, 'vault', 'rekey', '--rotate-data-key', '--json'],
      env({ LIAISON_PASSPHRASE: 'second passphrase', LIAISON_NEW_PASSPHRASE: 'rotated passphrase' }),
    );
    expect(rotate).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(rotate.stdout)).toMatchObject({ dataKeyRotated: true, changedAt: expect.stringMatching(/^\d{4}-/) });
    const back = await runLiaison(['--vault', vault, 'vault', 'rekey'], env({ LIAISON_PASSPHRASE: 'rotated passphrase', LIAISON_NEW_PASSPHRASE: 'second passphrase' }));
    expect(back).toMatchObject({ code: 0, stderr: '' });
    expect(back.stdout).toMatch(/^Data key\s+unchanged$/m);
  });

  it('audit list --json shows vault.create, vault.rekey and vault.rotate-key by the analyst', async () => {
    const result = await runLiaison(['--vault', vault, 'audit', 'list', '--json'], env({ LIAISON_PASSPHRASE: 'second passphrase' }));
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as { action: string; actor: string }[];
    expect(entries.map((e) => e.action)).toEqual(['vault.rekey', 'vault.rotate-key', 'vault.rekey', 'vault.create']);
    expect(entries.every((e) => e.actor === 'cli-tester')).toBe(true);
    const limited = await runLiaison(['--vault', vault, 'audit', 'list', '--limit', '1'], env({ LIAISON_PASSPHRASE: 'second passphrase' }));
    expect(limited.stdout.trim().split('\n')).toHaveLength(2);
    expect(limited.stdout).toMatch(/^ID\s+AT\s+ACTOR\s+ACTION\s+TARGET$/m);
  });

  it('without any passphrase source and no TTY exits 1 with a clear line', async () => {
    const result = await runLiaison(['--vault', vault, 'vault', 'info'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'liaison: no passphrase: set LIAISON_PASSPHRASE, pass --passphrase-file FILE, or run in a terminal to be prompted\n',
    );
  });

  it('exits 2 for an unknown command, an unknown option or a bad --limit', async () => {
    for (const args of [['frobnicate'], ['vault', 'info', '--bogus'], ['audit', 'list', '--limit', '0'], ['audit', 'list', '--limit', 'ten']]) {
      const result = await runLiaison(['--vault', vault, ...args], env({ LIAISON_PASSPHRASE: 'second passphrase' }));
      expect([args, result.code]).toEqual([args, 2]);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('names the path that is not a vault', async () => {
    const file = path.join(home, 'not-a-vault.txt');
    fs.writeFileSync(file, 'hello');
    const result = await runLiaison(['--vault', file, 'vault', 'info'], env({ LIAISON_PASSPHRASE: 'x' }));
    expect(result).toEqual({ code: 1, stdout: '', stderr: `liaison: ${file} is not a Liaison vault\n` });
  });
});
