import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { indexIndicators } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-triage-cli-');
afterAll(() => dirs.cleanup());
let vaultDir: string;

beforeAll(async () => {
  vaultDir = path.join(dirs.make(), 'vault');
  const vault = await createVault(vaultDir, 'cli test passphrase', { actor: 'ana', kdf: FAST_KDF });
  seedIndicators(vault.db, [
    { type: 'domain', value: 'evil.example', tlpRank: 2 },
    { type: 'domain', value: 'bad.example', tlpRank: 4 },
    { type: 'ipv4', value: '8.8.8.8', tlpRank: 0 },
    { type: 'domain', value: 'ok.example', tlpRank: 1, status: 'benign' },
  ]);
  indexIndicators(vault.db);
  vault.close();
});

async function liaison(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--vault', vaultDir, ...args], {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: new PassThrough(),
    env: { LIAISON_ANALYST: 'cli-tester', LIAISON_PASSPHRASE: 'cli test passphrase' },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('liaison triage / warninglists', () => {
  it('bulk-changes with --where, prints the count, and --undo reverts it', async () => {
    expect(await liaison('triage', '--where', 'status=new type=domain tlp<=amber', '--status', 'benign')).toMatchObject({
      code: 0,
      stdout: 'Changed 1 indicators (bulk change 1; undo with "liaison triage --undo").\n',
    });
    const shown = await liaison('indicators', 'show', 'domain:evil[.]example', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'benign' });
    expect(await liaison('triage', '--undo')).toMatchObject({ code: 0, stdout: 'Undid bulk change 1: 1 of 1 indicators restored.\n' });
    expect(await liaison('triage', '--undo')).toMatchObject({ code: 1, stderr: 'liaison: there is no bulk change to undo\n' });
  });

  it('edits named indicators (defanged keys and ids) with tags, notes and TLP', async () => {
    expect(await liaison('triage', 'domain:bad[.]example', '--status', 'malicious', '--tlp', 'TLP:AMBER+STRICT', '--tag', 'c2', '--note', 'Beacon **C2**', '--confidence', '90')).toMatchObject({
      code: 0,
      stdout: 'Changed 1 indicator.\n',
    });
    const shown = JSON.parse((await liaison('indicators', 'show', 'domain:bad.example', '--json')).stdout);
    expect(shown).toMatchObject({ status: 'malicious', tlp: 'amber+strict', confidence: 90, tags: ['c2'] });
    expect((await liaison('triage', '1', '3', '--status', 'in-review', '--json')).stdout).toMatch(/"count": 2/);
    expect(await liaison('triage', 'domain:nothere.example', '--status', 'benign')).toMatchObject({ code: 1, stderr: 'liaison: no indicator domain:nothere.example in this vault\n' });
  });

  it('exits 2 with the position for a bad --where, and for a bad option value', async () => {
    const bad = await liaison('triage', '--where', 'status=new tlp<=purple', '--status', 'benign');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--where: "purple" is not a TLP level');
    expect(bad.stderr).toContain('(at position 17)');
    expect(bad.stderr).toContain('  status=new tlp<=purple\n                  ^');
    expect((await liaison('triage', '--where', 'colour=red', '--status', 'benign')).code).toBe(2);
    expect((await liaison('triage', '1', '--status', 'done')).code).toBe(2);
    expect((await liaison('triage', '1')).code).toBe(2);
  });

  it('loads warninglists from a folder and matches a value', async () => {
    const load = await liaison('warninglists', 'load', path.resolve(__dirname, '../fixtures/warninglists'), '--json');
    expect(load.code).toBe(0);
    const result = JSON.parse(load.stdout);
    expect(result.lists).toHaveLength(6);
    expect(result.problems).toHaveLength(1);
    expect(await liaison('warninglists', 'match', 'ipv4:8.8.8[.]8')).toMatchObject({
      code: 0,
      stdout: 'on list: List of known IPv4 public DNS resolvers (a list of known public DNS resolvers: check before dismissing)\n',
    });
    expect((await liaison('warninglists', 'match', 'ipv4:192.168.1.1')).stdout).toBe(
      'on list: List of RFC 1918 CIDR blocks (values that are not indicators: likely a false positive)\nsuggested status: false-positive\n',
    );
    expect((await liaison('warninglists', 'match', 'domain:example.org')).stdout).toBe('domain:example.org is on no warninglist.\n');
    expect((await liaison('triage', '--where', 'warninglist=yes', '--status', 'benign')).stdout).toMatch(/^Changed 1 indicators/);
  });

  it('sets a warninglist category (issue #17.2) and lists it', async () => {
    const name = 'List of known IPv4 public DNS resolvers';
    expect(await liaison('warninglists', 'category', name, 'fp')).toMatchObject({ code: 0, stdout: `${name}: false-positive (hits suggest false positive).\n` });
    expect((await liaison('warninglists', 'match', 'ipv4:8.8.8.8')).stdout).toContain('suggested status: false-positive');
    const lists = JSON.parse((await liaison('warninglists', 'list', '--json')).stdout) as { name: string; category: string; categorySource: string }[];
    expect(lists.find((l) => l.name === name)).toMatchObject({ category: 'false-positive', categorySource: 'analyst' });
    expect(lists.find((l) => l.name === 'URL shortener services')).toMatchObject({ category: 'known', categorySource: 'classified' });
    expect((await liaison('warninglists', 'list')).stdout).toContain('false-positive (set by analyst)');
    const bad = await liaison('warninglists', 'category', name, 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use fp or known');
    expect(await liaison('warninglists', 'category', 'nope', 'known')).toMatchObject({ code: 1 });
  });
});
