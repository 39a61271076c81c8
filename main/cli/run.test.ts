import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/helpers/temp-dirs';
import type { CliIo } from './context';
import { COMMAND_GROUPS, commandWord, runCli } from './run';

const dirs = tempDirs('liaison-cli-run-');
afterEach(() => dirs.cleanup());

/**
 * An in-process io. With `answers`, stdin pretends to be a TTY and types the next answer each time a prompt
 * ending in ": " appears on stderr, like a user would.
 */
function fakeIo(env: Record<string, string>, answers?: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (answers) stdin.isTTY = true;
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: {
      write: (s: string) => {
        err.push(s);
        if (answers && s.endsWith(': ')) {
          const next = answers.shift();
          setImmediate(() => (next === undefined ? stdin.end() : stdin.write(`${next}\n`)));
        }
        return true;
      },
    },
    stdin,
    env: { LIAISON_ANALYST: 'tester', ...env },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('runCli in-process', () => {
  it('prompts twice without echo on a TTY for vault init, then unlocks with a prompt', async () => {
    const vault = path.join(dirs.make(), 'v');
    const init = fakeIo({}, ['typed secret 1', 'typed secret 1']);
    expect(await runCli(['--vault', vault, 'vault', 'init', '--json'], init.io)).toBe(0);
    expect(init.stderr()).toBe('New vault passphrase: \nRepeat to confirm: \n');
    expect(JSON.parse(init.stdout()).location).toBe(vault);
    expect(init.stdout() + init.stderr()).not.toContain('typed secret');

    const info = fakeIo({}, ['typed secret 1']);
    expect(await runCli(['--vault', vault, 'audit', 'list', '--json'], info.io)).toBe(0);
    expect(JSON.parse(info.stdout())[0]).toMatchObject({ action: 'vault.create', actor: 'tester' });
  });

  it('refuses mismatched confirmation, and treats end of input as cancelled', async () => {
    const vault = path.join(dirs.make(), 'v');
    const mismatch = fakeIo({}, ['one', 'two']);
    expect(await runCli(['--vault', vault, 'vault', 'init'], mismatch.io)).toBe(1);
    expect(mismatch.stderr()).toMatch(/liaison: the passphrases do not match\n$/);
    expect(fs.existsSync(vault)).toBe(false);
    const eof = fakeIo({}, []);
    expect(await runCli(['--vault', vault, 'vault', 'init'], eof.io)).toBe(1);
    expect(eof.stderr()).toMatch(/liaison: cancelled\n$/);
  });

  it('reports an unreadable or empty passphrase file in one line', async () => {
    const dir = dirs.make();
    const missing = fakeIo({});
    expect(await runCli(['--vault', dir, '--passphrase-file', path.join(dir, 'nope'), 'vault', 'info'], missing.io)).toBe(1);
    expect(missing.stderr()).toBe('liaison: cannot read the passphrase file\n');
    const empty = path.join(dir, 'empty');
    fs.writeFileSync(empty, '\n');
    const blank = fakeIo({});
    expect(await runCli(['--vault', dir, '--passphrase-file', empty, 'vault', 'info'], blank.io)).toBe(1);
    expect(blank.stderr()).toBe('liaison: the passphrase file is empty\n');
  });

  it('refuses an empty --vault instead of using the current folder', async () => {
    const cwd = process.cwd();
    const before = fs.readdirSync(cwd);
    const run = fakeIo({ LIAISON_PASSPHRASE: 'empty vault flag 1' });
    expect(await runCli(['--vault', '', 'vault', 'init'], run.io)).toBe(1);
    expect(run.stderr()).toBe('liaison: --vault is empty: name the vault folder\n');
    expect(fs.readdirSync(cwd)).toEqual(before);
  });

  it('reports NO_VAULT with a hint, and prints help with exit 0', async () => {
    const missing = path.join(dirs.make(), 'missing');
    const run = fakeIo({ LIAISON_PASSPHRASE: 'x' });
    expect(await runCli(['--vault', missing, 'vault', 'info'], run.io)).toBe(1);
    expect(run.stderr()).toBe(`liaison: no vault at ${missing} (create one with "liaison vault init")\n`);
    const help = fakeIo({});
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toContain('vault');
    expect(help.stdout()).toContain('audit');
    expect(await runCli([], fakeIo({}).io)).toBe(2);
  });
});

describe('commandWord (which group to load)', () => {
  it.each([
    [['--help'], undefined],
    [['vault', 'info'], 'vault'],
    [['--vault', 'indicators', 'vault', 'info'], 'vault'],
    [['--passphrase-file', 'f', 'indicators', 'show', 'x'], 'indicators'],
    [['help', 'import'], 'import'],
    [['--', 'vault'], undefined],
  ])('%j -> %s', (argv, expected) => expect(commandWord(argv)).toBe(expected));

  it('lists every group in the top-level help without loading them, and loads the chosen one', async () => {
    const help = fakeIo({});
    expect(await runCli(['--help'], help.io)).toBe(0);
    for (const group of COMMAND_GROUPS) expect(help.stdout()).toContain(`  ${group.name} `);
    const vaultHelp = fakeIo({});
    expect(await runCli(['vault', '--help'], vaultHelp.io)).toBe(0);
    expect(vaultHelp.stdout()).toMatch(/rekey \[options\]/);
  });
});
