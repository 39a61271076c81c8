import { beforeEach, describe, expect, it } from 'vitest';
import type { VaultInfo } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { resetVaultStore, useVaultStore } from '../vault-access/vault-store';
import { resetSettingsStore, useSettingsStore } from './settings-store';

const info: VaultInfo = {
  location: '/tmp/vault',
  vaultId: 'v1',
  schemaVersion: 10,
  cipher: 'sqlcipher',
  kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 },
  createdAt: '2025-11-28T10:00:00.000Z',
  passphraseChangedAt: null,
  fileSizeBytes: 4096,
  counts: { indicators: 0 },
};

let bridge: FakeBridge;

beforeEach(() => {
  resetSettingsStore();
  resetVaultStore();
  bridge = createFakeBridge({
    'settings:get': () => ok({ autoLockMinutes: 15 }),
    'settings:update': (request) => ok({ autoLockMinutes: (request as { autoLockMinutes: number }).autoLockMinutes }),
    'vault:info': () => ok(info),
    'audit:list': () => ok([]),
  });
  window.liaison = bridge.api;
});

describe('useSettingsStore', () => {
  it('loads settings, vault info and the audit log', async () => {
    await useSettingsStore.getState().load();
    const state = useSettingsStore.getState();
    expect(state.settings).toEqual({ autoLockMinutes: 15 });
    expect(state.info).toEqual(info);
    expect(bridge.calls.map((call) => call.channel)).toContain('audit:list');
  });

  it('saves the auto-lock minutes and updates the vault store used for the idle notice', async () => {
    await useSettingsStore.getState().saveAutoLock(30);
    expect(useSettingsStore.getState().settings).toEqual({ autoLockMinutes: 30 });
    expect(useSettingsStore.getState().autoLockSave.kind).toBe('saved');
    expect(useVaultStore.getState().autoLockMinutes).toBe(30);
  });

  it('reports a wrong current passphrase on rekey', async () => {
    bridge.handle('vault:rekey', () => ({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'x' } }));
    await expect(useSettingsStore.getState().changePassphrase('old', 'new-passphrase')).resolves.toBe(false);
    expect(useSettingsStore.getState().rekeySave).toEqual({ kind: 'failed', text: 'The current passphrase is wrong' });
  });

  it('confirms a successful rekey', async () => {
    bridge.handle('vault:rekey', () => ok({ changedAt: '2025-11-28T11:00:00.000Z' }));
    await expect(useSettingsStore.getState().changePassphrase('old', 'new-passphrase')).resolves.toBe(true);
    expect(useSettingsStore.getState().rekeySave.kind).toBe('saved');
  });
});
