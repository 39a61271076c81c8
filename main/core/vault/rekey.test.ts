import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../../../test/helpers/vault-forge';
import { listAudit } from '../audit';
import { createVault } from './create';
import { readKeyring } from './keyring';
import { vaultPaths } from './paths';
import { changePassphrase, REKEY_STEPS, type RekeyStep } from './rekey';
import { unlockVault } from './unlock';

const dirs = tempDirs('liaison-rekey-');
afterEach(() => {
  vi.restoreAllMocks();
  dirs.cleanup();
});
const OLD = 'the old passphrase';
const NEW = 'the new passphrase';
const options = { actor: 'ana', now: steppingClock(), kdf: FAST_KDF };

async function newVault(): Promise<string> {
  const location = path.join(dirs.make(), 'vault');
  (await createVault(location, OLD, options)).close();
  return location;
}

/** Which passphrase opens the vault now, and the actions in its audit log (newest first). */
async function outcome(location: string): Promise<{ opensWith: string; actions: string[] }> {
  for (const passphrase of [OLD, NEW]) {
    try {
      const vault = await unlockVault(location, passphrase, options);
      try {
        return { opensWith: passphrase, actions: listAudit(vault.reader).map((e) => e.action) };
      } finally {
        vault.close();
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'WRONG_PASSPHRASE') throw error;
    }
  }
  throw new Error('opens with neither passphrase');
}

describe('changePassphrase: one outcome (issue #15 item 3)', () => {
  // The review's reproduction: EIO on the folder fsync after the rename rolled the audit entry back but
  // left the new keyring in place, so the rekey "failed" while the passphrase had changed.
  it('puts the old keyring back when the folder fsync fails with EIO', async () => {
    const location = await newVault();
    const before = fs.readFileSync(vaultPaths(location).keyring, 'utf8');
    const fsync = fs.fsyncSync;
    let calls = 0;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      calls += 1;
      // The first fsync is the staged keyring's, the second the folder's.
      if (calls === 2) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      fsync(fd);
    });
    await expect(changePassphrase(location, OLD, NEW, options)).rejects.toMatchObject({ code: 'INTERNAL' });
    vi.restoreAllMocks();
    expect(fs.readFileSync(vaultPaths(location).keyring, 'utf8')).toBe(before);
    expect(await outcome(location)).toEqual({ opensWith: OLD, actions: ['vault.create'] });
  });

  it.each(REKEY_STEPS)('a failure before step "%s" reports the error with the old passphrase still in force', async (failAt) => {
    const location = await newVault();
    const beforeStep = (step: RekeyStep) => {
      if (step === failAt) throw Object.assign(new Error(`injected before ${step}`), { code: 'EIO' });
    };
    await expect(changePassphrase(location, OLD, NEW, { ...options, beforeStep })).rejects.toThrow();
    expect(await outcome(location)).toEqual({ opensWith: OLD, actions: ['vault.create'] });
    expect(fs.readdirSync(vaultPaths(location).dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with no failure, the change is complete and audited once', async () => {
    const location = await newVault();
    const { changedAt } = await changePassphrase(location, OLD, NEW, options);
    expect(readKeyring(vaultPaths(location).keyring).keyring.passphraseChangedAt).toBe(changedAt);
    expect(await outcome(location)).toEqual({ opensWith: NEW, actions: ['vault.rekey', 'vault.create'] });
  });

  // A kill leaves no chance to restore anything: after it the vault opens with exactly one of the two
  // passphrases, and if that is the new one, the change is audited (recorded at the next unlock when the
  // kill fell between the keyring rename and the commit).
  const child = fileURLToPath(new URL('../../../test/helpers/rekey-until-killed.mjs', import.meta.url));
  it.each(REKEY_STEPS)('a kill before step "%s" leaves a vault that opens with one passphrase, audited if new', async (killAt) => {
    const location = await newVault();
    const run = spawnSync(process.execPath, [child, location, OLD, NEW, killAt], { encoding: 'utf8' });
    expect(run.signal).toBe('SIGKILL');
    const after = await outcome(location);
    const changed = REKEY_STEPS.indexOf(killAt) > REKEY_STEPS.indexOf('rename');
    expect(after).toEqual(changed ? { opensWith: NEW, actions: ['vault.rekey', 'vault.create'] } : { opensWith: OLD, actions: ['vault.create'] });
    // The entry recorded at unlock is not written twice.
    expect(await outcome(location)).toEqual(after);
  });
});
