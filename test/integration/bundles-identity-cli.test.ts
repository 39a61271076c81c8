import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportVault } from '../helpers/import-vault';
import { runInProcess } from '../helpers/cli-in-process';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-identity-');
let envA: Record<string, string>;
let envB: Record<string, string>;
let home: string;

async function vaultEnv(dir: string, analyst: string): Promise<Record<string, string>> {
  const vault = await createImportVault(dir);
  vault.close();
  return { LIAISON_VAULT: vault.location, LIAISON_PASSPHRASE: 'import test passphrase', LIAISON_ANALYST: analyst };
}

beforeAll(async () => {
  home = dirs.make();
  envA = await vaultEnv(dirs.make(), 'alice');
  envB = await vaultEnv(dirs.make(), 'bob');
});
afterAll(() => dirs.cleanup());

describe('liaison identity and trust', () => {
  it('creates the identity once, shows the same fingerprint every time, and renames without new keys', async () => {
    const first = await runInProcess(['identity', 'show', '--json'], envA);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const shown = JSON.parse(first.stdout);
    expect(shown.fingerprint).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
    expect(shown.ageRecipient).toMatch(/^age1/);
    expect(shown).not.toHaveProperty('ageIdentity');
    expect(first.stdout).not.toContain('AGE-SECRET-KEY');
    const renamed = await runInProcess(['identity', 'set', '--organisation', 'CERT Alpha', '--json'], envA);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ fingerprint: shown.fingerprint, analyst: 'alice', organisation: 'CERT Alpha' });
    const text = await runInProcess(['identity', 'show'], envA);
    expect(text.stdout).toMatch(new RegExp(`Fingerprint\\s+${shown.fingerprint}`));
  });

  it('B trusts A from the exported file, lists it, refuses it twice, removes it; all audited', async () => {
    const file = path.join(home, 'alice.pub.json');
    expect((await runInProcess(['identity', 'export-public', '--out', file], envA)).code).toBe(0);
    const alice = JSON.parse((await runInProcess(['identity', 'show', '--json'], envA)).stdout);
    const added = await runInProcess(['trust', 'add', file, '--name', 'Alpha desk'], envB);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain(alice.fingerprint);
    const again = await runInProcess(['trust', 'add', file], envB);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already trusted as "Alpha desk"') });
    const list = JSON.parse((await runInProcess(['trust', 'list', '--json'], envB)).stdout);
    expect(list).toEqual([expect.objectContaining({ fingerprint: alice.fingerprint, name: 'Alpha desk', organisation: 'CERT Alpha' })]);
    const lower = alice.fingerprint.toLowerCase().replace(/-/g, ' ');
    expect((await runInProcess(['trust', 'remove', lower], envB)).code).toBe(0);
    expect(JSON.parse((await runInProcess(['trust', 'list', '--json'], envB)).stdout)).toEqual([]);
    expect(await runInProcess(['trust', 'remove', alice.fingerprint], envB)).toMatchObject({ code: 1, stderr: expect.stringContaining('no trusted key') });
    const audit = JSON.parse((await runInProcess(['audit', 'list', '--json'], envB)).stdout) as { action: string; target: string }[];
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['trust.add', 'trust.remove']));
    expect(audit.find((e) => e.action === 'trust.add')?.target).toBe(`key:${alice.fingerprint}`);
  });

  it('refuses a public file whose keys were swapped (the fingerprint no longer matches)', async () => {
    const file = path.join(home, 'alice.pub.json');
    const bobFile = path.join(home, 'bob.pub.json');
    await runInProcess(['identity', 'export-public', '--out', bobFile], envB);
    const forged = JSON.parse(fs.readFileSync(file, 'utf8'));
    forged.age_recipient = JSON.parse(fs.readFileSync(bobFile, 'utf8')).age_recipient;
    fs.writeFileSync(path.join(home, 'forged.json'), JSON.stringify(forged));
    const result = await runInProcess(['trust', 'add', path.join(home, 'forged.json')], envB);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/forged\.json: the fingerprint written in the file .* does not match its keys/);
  });

  it('export-secret warns, writes a 0600 age key once, never overwrites, and is audited', async () => {
    const key = path.join(home, 'alice.agekey');
    const result = await runInProcess(['identity', 'export-secret', '--age', '--out', key], envA);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('WARNING');
    expect(fs.readFileSync(key, 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect((await runInProcess(['identity', 'export-secret', '--age', '--out', key], envA)).stderr).toContain('already exists');
    const audit = JSON.parse((await runInProcess(['audit', 'list', '--json'], envA)).stdout) as { action: string; after: unknown }[];
    const entry = audit.find((e) => e.action === 'identity.export-secret');
    expect(JSON.stringify(entry)).not.toContain('AGE-SECRET-KEY');
  });
});
