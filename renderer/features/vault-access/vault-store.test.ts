import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { resetVaultStore, useVaultStore } from './vault-store';

let bridge: FakeBridge;

beforeEach(() => {
  resetVaultStore();
  bridge = createFakeBridge({
    'vault:status': () => ok({ state: 'locked', location: '/tmp/vault' }),
    'vault:unlock': () => ok({ state: 'unlocked', location: '/tmp/vault' }),
    'vault:lock': () => ok({ state: 'locked', location: '/tmp/vault' }),
    'settings:get': () => ok({ autoLockMinutes: 5 }),
  });
  window.liaison = bridge.api;
});

describe('useVaultStore', () => {
  it('routes on the status the core reports', async () => {
    await useVaultStore.getState().refresh();
    expect(useVaultStore.getState()).toMatchObject({ phase: 'locked', location: '/tmp/vault' });
  });

  it('is unavailable when there is no bridge', async () => {
    delete window.liaison;
    await useVaultStore.getState().refresh();
    expect(useVaultStore.getState().phase).toBe('unavailable');
  });

  it('unlocks and remembers the auto-lock minutes', async () => {
    await useVaultStore.getState().unlock('right');
    expect(useVaultStore.getState()).toMatchObject({ phase: 'unlocked', autoLockMinutes: 5, busy: false, error: null });
  });

  it('shows "Wrong passphrase" and stays locked', async () => {
    useVaultStore.setState({ phase: 'locked' });
    bridge.handle('vault:unlock', () => ({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'bad' } }));
    await useVaultStore.getState().unlock('wrong');
    expect(useVaultStore.getState()).toMatchObject({
      phase: 'locked',
      busy: false,
      error: { code: 'WRONG_PASSPHRASE', text: 'Wrong passphrase' },
    });
  });

  it('explains a vault from a newer version', async () => {
    bridge.handle('vault:unlock', () => ({ ok: false, error: { code: 'NEWER_SCHEMA', message: 'v99' } }));
    await useVaultStore.getState().unlock('x');
    expect(useVaultStore.getState().error?.text).toMatch(/newer version/);
  });

  it('ignores a second submit while the KDF runs', async () => {
    let release: () => void = () => {};
    bridge.handle('vault:unlock', () => new Promise((resolve) => {
      release = () => resolve(ok({ state: 'unlocked', location: '/tmp/vault' }));
    }));
    const first = useVaultStore.getState().unlock('p');
    expect(useVaultStore.getState().busy).toBe(true);
    await useVaultStore.getState().unlock('p');
    release();
    await first;
    expect(bridge.calls.filter((call) => call.channel === 'vault:unlock')).toHaveLength(1);
  });

  it('returns to the lock screen on an idle lock, quoting the minutes', async () => {
    await useVaultStore.getState().unlock('right');
    useVaultStore.getState().handleEvent({ type: 'vault:locked', reason: 'idle' });
    expect(useVaultStore.getState()).toMatchObject({
      phase: 'locked',
      lockNotice: 'Locked after 5 minutes of inactivity',
    });
  });

  it('says just "Locked" for a lock requested elsewhere', () => {
    useVaultStore.setState({ phase: 'unlocked' });
    useVaultStore.getState().handleEvent({ type: 'vault:locked', reason: 'user' });
    expect(useVaultStore.getState().lockNotice).toBe('Locked');
  });

  it('refreshes when another window unlocks', async () => {
    bridge.handle('vault:status', () => ok({ state: 'unlocked', location: '/tmp/vault' }));
    useVaultStore.getState().handleEvent({ type: 'vault:unlocked' });
    await vi.waitFor(() => expect(useVaultStore.getState().phase).toBe('unlocked'));
  });
});
