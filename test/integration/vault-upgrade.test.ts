import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import { LATEST_SCHEMA_VERSION, readSettings, unlockVault, updateSettings } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { createVaultAtVersion, openRawVaultDb, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-upgrade-');
afterEach(() => dirs.cleanup());

describe('vault upgrade path', () => {
  it.each([10, 20])('opens a vault left at schema %i and migrates it to the latest in place', async (version) => {
    const location = path.join(dirs.make(), 'vault');
    const { vaultId } = await createVaultAtVersion(location, 'old vault', version);
    const raw = await openRawVaultDb(location, 'old vault');
    expect(raw.pragma('user_version', { simple: true })).toBe(version);
    if (version >= 20) raw.prepare("INSERT INTO audit_entries (at, actor, action) VALUES ('2026-01-01T00:00:00.000Z', 'ana', 'vault.create')").run();
    raw.close();

    const vault = await unlockVault(location, 'old vault', { actor: 'ana', now: steppingClock() });
    expect(vault.vaultId).toBe(vaultId);
    expect(vault.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readSettings(vault.db)).toEqual({ autoLockMinutes: 15 });
    updateSettings(vault.db, vault.actor, { autoLockMinutes: 20 }, vault.now);
    expect(listAudit(vault.db).map((e) => e.action)).toEqual(version >= 20 ? ['settings.update', 'vault.create'] : ['settings.update']);
    vault.close();
  });
});
