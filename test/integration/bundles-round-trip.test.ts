import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportVault, ingestFixture } from '../helpers/import-vault';
import { runInProcess } from '../helpers/cli-in-process';
import { stixBundleErrors } from '../helpers/stix-schemas';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * Three vaults with their own identities: A (the producer) exports to B; B verifies, imports and sees the
 * chain of custody; C, not a recipient, cannot open it. All through the CLI, in-process.
 */
const dirs = tempDirs('liaison-bundles-');
let work: string;
const env: Record<'a' | 'b' | 'c', Record<string, string>> = { a: {}, b: {}, c: {} };
const fp: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

async function liaison(who: 'a' | 'b' | 'c', ...args: string[]) {
  return runInProcess(args, env[who]);
}

async function json(who: 'a' | 'b' | 'c', ...args: string[]) {
  const run = await liaison(who, ...args, '--json');
  if (run.code !== 0) throw new Error(`liaison ${args.join(' ')} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

async function countRows(who: 'a' | 'b' | 'c'): Promise<{ indicators: number; sources: number }> {
  const info = await json(who, 'vault', 'info');
  return { indicators: info.counts.indicators, sources: info.counts.sources };
}

beforeAll(async () => {
  work = dirs.make();
  for (const [who, analyst, org] of [['a', 'alice', 'CERT Alpha'], ['b', 'bob', 'CSIRT Bravo'], ['c', 'carol', 'SOC Charlie']] as const) {
    const vault = await createImportVault(dirs.make());
    vault.close();
    env[who] = { LIAISON_VAULT: vault.location, LIAISON_PASSPHRASE: 'import test passphrase', LIAISON_ANALYST: analyst };
    fp[who] = (await json(who, 'identity', 'set', '--organisation', org)).fingerprint;
    expect((await liaison(who, 'identity', 'export-public', '--out', path.join(work, `${who}.pub.json`))).code).toBe(0);
  }
  // A and B trust each other; C trusts A, but A does not encrypt to C.
  await json('a', 'trust', 'add', path.join(work, 'b.pub.json'));
  await json('b', 'trust', 'add', path.join(work, 'a.pub.json'), '--name', 'Alpha');
  await json('c', 'trust', 'add', path.join(work, 'a.pub.json'));
  // A's history: an import, then a triage edit of one indicator.
  expect((await liaison('a', 'import', ingestFixture('stix', 'bundle-2.1.json'), '--partial')).code).toBe(0);
  const triage = await liaison('a', 'triage', '--where', 'type=domain', '--status', 'malicious', '--tag', 'shared');
  expect(triage.code).toBe(0);
});
afterAll(() => dirs.cleanup());

describe('bundles between vaults', () => {
  let toB: string;

  it('A exports encrypted to B at TLP:AMBER; the custody chain holds the import, the triage and the export', async () => {
    toB = path.join(work, 'to-bravo.liaison');
    const result = await json('a', 'bundle', 'export', '--out', toB, '--tlp-max', 'amber', '--recipient', fp.b);
    expect(result).toMatchObject({ kind: 'encrypted', tlpMax: 'amber', signer: fp.a, recipients: [{ fingerprint: fp.b, name: 'bob (CSIRT Bravo)' }] });
    expect(result.indicators).toBeGreaterThan(3);
    expect(result.custodyEntries).toBeGreaterThanOrEqual(3);
    expect(fs.readFileSync(toB).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    const audit = await json('a', 'audit', 'list');
    expect(audit[0]).toMatchObject({ action: 'bundle.export', actor: 'alice', after: { kind: 'encrypted', recipients: [fp.b] } });
  });

  it('B verifies (trusted signer, custody verified) and nothing is written by verify', async () => {
    const before = await countRows('b');
    const report = await json('b', 'bundle', 'verify', toB);
    expect(report).toMatchObject({ ok: true, encrypted: true, tlpMax: 'amber', signer: { fingerprint: fp.a, trusted: true, trustedAs: 'Alpha', organisation: 'CERT Alpha' } });
    expect(report.custody.verified).toBe(true);
    expect(report.custody.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['imported', 'triaged', 'exported']));
    expect(await countRows('b')).toEqual(before);
  });

  it('B imports with provenance; the same bundle again adds only a sighting; B sees the chain with its import appended', async () => {
    const first = await json('b', 'bundle', 'import', toB);
    expect(first.indicators_new).toBeGreaterThan(3);
    expect(first.custody.at(-1)).toMatchObject({ action: 'received', actor: 'bob', organisation: 'CSIRT Bravo', fingerprint: fp.b });
    const after = await countRows('b');
    const list = await json('b', 'indicators', 'list', '--type', 'domain');
    const sightings = list.rows?.[0]?.sightings ?? list[0]?.sightings;

    const second = await json('b', 'bundle', 'import', toB);
    expect(second).toMatchObject({ indicators_new: 0, indicators_merged: first.indicators_new });
    const again = await countRows('b');
    expect(again.indicators).toBe(after.indicators);
    const list2 = await json('b', 'indicators', 'list', '--type', 'domain');
    expect(list2.rows?.[0]?.sightings ?? list2[0]?.sightings).toBe(sightings + 1);

    const imports = await json('b', 'bundle', 'list');
    expect(imports).toHaveLength(2);
    expect(imports[0]).toMatchObject({ signerFingerprint: fp.a, signerTrusted: true, signerName: 'Alpha' });
    const actions = imports[0].custody.map((e: { action: string }) => e.action);
    expect(actions.at(-1)).toBe('received');
    expect(actions).toContain('triaged');
    const text = await liaison('b', 'bundle', 'verify', toB);
    expect(text.stdout).toMatch(/Imported before\s+2/);
  });

  it('C is not a recipient: verify and import refuse it, and C\'s vault is unchanged', async () => {
    const before = await countRows('c');
    const verify = await liaison('c', 'bundle', 'verify', toB, '--json');
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, problem: 'wrong-recipient' });
    const imported = await liaison('c', 'bundle', 'import', toB);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('to-bravo.liaison: age header: this vault is not one of the recipients');
    expect(await countRows('c')).toEqual(before);
  });

  it('B decrypts with the stock age and its exported key; minisign verifies with A\'s published key', async () => {
    const key = path.join(work, 'bob.agekey');
    expect((await liaison('b', 'identity', 'export-secret', '--age', '--out', key)).code).toBe(0);
    const out = path.join(work, 'stock');
    fs.mkdirSync(out);
    execFileSync('age', ['--decrypt', '-i', key, '-o', path.join(out, 'b.tar'), toB]);
    execFileSync('tar', ['-xf', path.join(out, 'b.tar'), '-C', out]);
    const alice = JSON.parse(fs.readFileSync(path.join(work, 'a.pub.json'), 'utf8'));
    const ok = execFileSync('minisign', ['-Vm', path.join(out, 'manifest.json'), '-P', alice.minisign_public_key], { encoding: 'utf8' });
    expect(ok).toContain('Signature and comment signature verified');
    expect(stixBundleErrors(JSON.parse(fs.readFileSync(path.join(out, 'bundle.json'), 'utf8')))).toEqual([]);
  });

  it('an unknown signer is refused until the analyst accepts it, and that is recorded', async () => {
    const signed = path.join(work, 'signed-by-b.liaison');
    expect((await json('b', 'bundle', 'export', '--out', signed, '--tlp-max', 'green')).kind).toBe('signed');
    const before = await countRows('c');
    const refused = await liaison('c', 'bundle', 'import', signed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`fingerprint ${fp.b}, who is not in the trust store`);
    expect(await countRows('c')).toEqual(before);
    const accepted = await json('c', 'bundle', 'import', signed, '--accept-unknown-signer');
    expect(accepted.signer).toMatchObject({ fingerprint: fp.b, trusted: false });
    const audit = await json('c', 'audit', 'list');
    expect(audit.find((e: { action: string }) => e.action === 'bundle.import')).toMatchObject({ after: { trusted: false, acceptedUnknownSigner: true } });
    expect((await json('c', 'bundle', 'list'))[0]).toMatchObject({ signerTrusted: false });
  });

  it('--briefing puts an approved briefing into the bundle; the receiver sees who approved it', async () => {
    const created = await json('a', 'briefing', 'create', '--title', 'Wave 3', '--tlp', 'amber', '--summary', 'Shared with Bravo.');
    await json('a', 'briefing', 'attach', String(created.id), '--where', 'type=domain');
    await json('a', 'briefing', 'save', String(created.id), '--note', 'ready');
    expect((await liaison('a', 'briefing', 'status', String(created.id), 'in-review')).code).toBe(0);
    expect((await liaison('a', 'briefing', 'status', String(created.id), 'approved')).code).toBe(0);
    const file = path.join(work, 'briefing.liaison');
    const result = await json('a', 'bundle', 'export', '--out', file, '--briefing', String(created.id), '--tlp-max', 'amber', '--recipient', fp.b);
    expect(result.objects.byType).toMatchObject({ report: 1 });
    expect(result.indicators).toBeGreaterThan(0);
    const report = await json('b', 'bundle', 'verify', file);
    expect(report.ok).toBe(true);
    const approved = report.custody.entries.find((e: { action: string }) => e.action === 'approved');
    expect(approved).toMatchObject({ actor: 'alice', detail: expect.stringContaining('briefing "Wave 3"') });
    expect((await liaison('a', 'bundle', 'export', '--out', path.join(work, 'x.liaison'), '--briefing', '999', '--tlp-max', 'amber')).code).toBe(1);
    const plainFile = path.join(work, 'briefing.json');
    await json('a', 'bundle', 'export', '--out', plainFile, '--briefing', String(created.id), '--tlp-max', 'amber', '--plain');
    expect(stixBundleErrors(JSON.parse(fs.readFileSync(plainFile, 'utf8')))).toEqual([]);
  });

  it('TLP:RED needs named recipients; --plain writes a schema-valid unsigned STIX bundle without red', async () => {
    const red = await liaison('a', 'bundle', 'export', '--out', path.join(work, 'red.liaison'), '--tlp-max', 'red');
    expect(red.code).toBe(1);
    expect(red.stderr).toContain('a TLP:RED ceiling needs named recipients and encryption');
    expect(fs.existsSync(path.join(work, 'red.liaison'))).toBe(false);
    const plainFile = path.join(work, 'plain.json');
    const plain = await json('a', 'bundle', 'export', '--out', plainFile, '--tlp-max', 'green', '--plain');
    expect(plain).toMatchObject({ kind: 'plain', signer: null, custodyEntries: 0 });
    const bundle = JSON.parse(fs.readFileSync(plainFile, 'utf8'));
    expect(stixBundleErrors(bundle)).toEqual([]);
    expect(JSON.stringify(bundle)).not.toMatch(/e828b379|5e57c739|55d920b0|939a9414/); // no red, amber or amber+strict marking refs
  });
});
