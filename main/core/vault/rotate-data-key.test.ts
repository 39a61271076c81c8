import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../../../test/helpers/vault-forge';
import { listAudit } from '../audit';
import { seedIndicators } from '../triage/testing/seed';
import { createVault } from './create';
import { vaultPaths } from './paths';
import { changePassphrase } from './rekey';
import { ROTATE_STEPS, rotateDataKey, type RotateStep } from './rotate-data-key';
import { unlockVault } from './unlock';

const dirs = tempDirs('liaison-rotate-');
afterEach(() => dirs.cleanup());
const OLD = 'the old passphrase';
const NEW = 'the new passphrase';
const options = { actor: 'ana', now: steppingClock(), kdf: FAST_KDF };

async function newVault(): Promise<string> {
  const location = path.join(dirs.make(), 'vault');
  const vault = await createVault(location, OLD, options);
  seedIndicators(vault.db, Array.from({ length: 500 }, (_, i) => ({ type: 'domain', value: `host${i}.example` })));
  vault.close();
  return location;
}

/** Which passphrase opens the vault, how many indicators it holds, and its audit actions (newest first). */
async function outcome(location: string) {
  for (const passphrase of [OLD, NEW]) {
    try {
      const vault = await unlockVault(location, passphrase, options);
      try {
        const indicators = vault.reader.prepare('SELECT count(*) FROM indicators').pluck().get();
        return { opensWith: passphrase, indicators, actions: listAudit(vault.reader).map((e) => e.action) };
      } finally {
        vault.close();
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'WRONG_PASSPHRASE') throw error;
    }
  }
  throw new Error('opens with neither passphrase');
}

describe('rotateDataKey (issue #15 item 9)', () => {
  // The review's finding: a plain rekey rewraps the same data key, so a backup of the old keyring with the
  // old passphrase still opens the current database. After a rotation it no longer does.
  it('re-encrypts under a new data key: an old keyring backup with the old passphrase opens nothing', async () => {
    const location = await newVault();
    const backup = fs.readFileSync(vaultPaths(location).keyring, 'utf8');
    await changePassphrase(location, OLD, 'an intermediate passphrase', options);
    fs.copyFileSync(vaultPaths(location).keyring, `${location}.after-rekey`);
    fs.writeFileSync(vaultPaths(location).keyring, backup);
    // A plain rekey left the data key alone: the old backup still opens the data.
    (await unlockVault(location, OLD, options)).close();
    fs.copyFileSync(`${location}.after-rekey`, vaultPaths(location).keyring);

    await rotateDataKey(location, 'an intermediate passphrase', NEW, options);
    expect(await outcome(location)).toEqual({ opensWith: NEW, indicators: 500, actions: ['vault.rotate-key', 'vault.rekey', 'vault.create'] });
    fs.writeFileSync(vaultPaths(location).keyring, backup);
    await expect(unlockVault(location, OLD, options)).rejects.toMatchObject({ code: 'NOT_A_VAULT' });
  });

  it('refuses while the vault is open elsewhere, changing nothing', async () => {
    const location = await newVault();
    const open = await unlockVault(location, OLD, options);
    try {
      await expect(rotateDataKey(location, OLD, NEW, options)).rejects.toMatchObject({ code: 'BUSY' });
    } finally {
      open.close();
    }
    expect(await outcome(location)).toMatchObject({ opensWith: OLD, indicators: 500 });
    expect(fs.readdirSync(location).sort()).toEqual(['keyring.json', 'vault.db']);
  });

  it.each(ROTATE_STEPS)('a failure before step "%s" is reported and undone, or after the commit, reported done', async (failAt) => {
    const location = await newVault();
    const beforeStep = (step: RotateStep) => {
      if (step === failAt) throw new Error(`injected before ${step}`);
    };
    const error = await rotateDataKey(location, OLD, NEW, { ...options, beforeStep }).then(() => null, (e: Error) => e);
    if (failAt === 'cleanup') expect(error).toBeNull();
    else expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toBe(`injected before ${failAt}`);
    const committed = ROTATE_STEPS.indexOf(failAt) > ROTATE_STEPS.indexOf('commit');
    expect(await outcome(location)).toEqual(
      committed ? { opensWith: NEW, indicators: 500, actions: ['vault.rotate-key', 'vault.create'] } : { opensWith: OLD, indicators: 500, actions: ['vault.create'] },
    );
    expect(fs.readdirSync(location).filter((f) => !f.startsWith('vault.db') && f !== 'keyring.json')).toEqual([]);
  });

  const child = fileURLToPath(new URL('../../../test/helpers/rotate-until-killed.mjs', import.meta.url));
  it.each(ROTATE_STEPS)('a kill before step "%s" leaves a vault that opens with one passphrase, nothing lost', async (killAt) => {
    const location = await newVault();
    const run = spawnSync(process.execPath, [child, location, OLD, NEW, killAt], { encoding: 'utf8' });
    expect(run.signal).toBe('SIGKILL');
    const committed = ROTATE_STEPS.indexOf(killAt) > ROTATE_STEPS.indexOf('commit');
    expect(await outcome(location)).toEqual(
      committed ? { opensWith: NEW, indicators: 500, actions: ['vault.rotate-key', 'vault.create'] } : { opensWith: OLD, indicators: 500, actions: ['vault.create'] },
    );
    expect(fs.readdirSync(location).filter((f) => !f.startsWith('vault.db') && f !== 'keyring.json')).toEqual([]);
    expect(fs.existsSync(`${vaultPaths(location).db}.old-key`)).toBe(false);
  });
});
