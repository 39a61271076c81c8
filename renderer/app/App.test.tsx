import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, VaultStatus } from '../../preload/contract';
import { resetVaultStore } from '../features/vault-access/vault-store';
import { createFakeBridge, ok, type FakeBridge } from '../testing/fake-bridge';
import { click, getButton, getByLabel, render, settle, submit, type, type Rendered } from '../testing/render';
import { App } from './App';
import { ACTIVITY_REPORT_INTERVAL_MS } from './use-activity-reporter';

const LOCATION = '/home/analyst/vault';
const status = (state: VaultStatus['state']): Result<VaultStatus> => ok({ state, location: LOCATION });

let bridge: FakeBridge;
let view: Rendered | undefined;

beforeEach(() => {
  resetVaultStore();
  bridge = createFakeBridge({
    'vault:status': () => status('locked'),
    'vault:lock': () => status('locked'),
    'vault:create': () => status('unlocked'),
    'vault:activity': () => ok({ lockAt: null }),
    'settings:get': () => ok({ autoLockMinutes: 15 }),
    'indicators:list': () => ok([]),
    'vault:unlock': (request) =>
      (request as { passphrase: string }).passphrase === 'right passphrase'
        ? status('unlocked')
        : { ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'wrong' } },
  });
  window.liaison = bridge.api;
});

afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.useRealTimers();
});

const heading = () => view?.container.querySelector('h1')?.textContent;
const alertText = () => view?.container.querySelector('[role="alert"]')?.textContent;

async function unlockWith(passphrase: string): Promise<void> {
  const container = view!.container;
  type(getByLabel(container, 'Passphrase'), passphrase);
  await submit(container.querySelector('form')!);
  await settle();
}

describe('App', () => {
  it('shows the create screen for a first run and creates the vault', async () => {
    bridge.handle('vault:status', () => status('absent'));
    view = await render(<App />);
    expect(heading()).toBe('Create your vault');
    type(getByLabel(view.container, 'Passphrase'), 'orbit velvet harbour minnow');
    type(getByLabel(view.container, 'Confirm passphrase'), 'orbit velvet harbour minnoW');
    await submit(view.container.querySelector('form')!);
    expect(alertText()).toBe('The passphrases do not match.');
    expect(bridge.calls.some((call) => call.channel === 'vault:create')).toBe(false);

    type(getByLabel(view.container, 'Confirm passphrase'), 'orbit velvet harbour minnow');
    await submit(view.container.querySelector('form')!);
    await settle();
    expect(view.container.querySelector('nav[aria-label="Workspace"]')).not.toBeNull();
  });

  it('says "Wrong passphrase", then unlocks into the workspace', async () => {
    view = await render(<App />);
    expect(heading()).toBe('Unlock vault');
    await unlockWith('nope');
    expect(alertText()).toBe('Wrong passphrase');
    await unlockWith('right passphrase');
    const nav = view.container.querySelector('nav[aria-label="Workspace"]');
    expect([...nav!.querySelectorAll('button')].map((button) => button.textContent)).toEqual([
      'Queue',
      'Overview',
      'Briefings',
      'Bundles',
      'Sync',
      'Settings',
    ]);
  });

  it('warns when Caps Lock is on', async () => {
    view = await render(<App />);
    const input = getByLabel(view.container, 'Passphrase');
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'A', modifierCapsLock: true, bubbles: true }));
    });
    expect(view.container.textContent).toContain('Caps Lock is on');
  });

  it('locks on Ctrl+L and on the Lock button', async () => {
    view = await render(<App />);
    await unlockWith('right passphrase');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true }));
    });
    await settle();
    expect(heading()).toBe('Unlock vault');
    await unlockWith('right passphrase');
    await click(getButton(view.container, 'Lock'));
    await settle();
    expect(heading()).toBe('Unlock vault');
    expect(bridge.calls.filter((call) => call.channel === 'vault:lock')).toHaveLength(2);
  });

  it('returns to the unlock screen with the reason when the core locks for inactivity', async () => {
    view = await render(<App />);
    await unlockWith('right passphrase');
    act(() => bridge.emit({ type: 'vault:locked', reason: 'idle' }));
    expect(heading()).toBe('Unlock vault');
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('Locked after 15 minutes of inactivity');
  });

  it('reports activity to the core at most once per interval while unlocked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    view = await render(<App />);
    await unlockWith('right passphrase');
    const activity = () => bridge.calls.filter((call) => call.channel === 'vault:activity').length;
    const press = () => act(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' })));

    press();
    expect(activity()).toBe(0);
    vi.setSystemTime(Date.now() + ACTIVITY_REPORT_INTERVAL_MS);
    press();
    press();
    window.dispatchEvent(new WheelEvent('wheel'));
    expect(activity()).toBe(1);
    vi.setSystemTime(Date.now() + ACTIVITY_REPORT_INTERVAL_MS);
    window.dispatchEvent(new Event('pointerdown'));
    expect(activity()).toBe(2);
  });

  it('explains when the page has no bridge', async () => {
    delete window.liaison;
    view = await render(<App />);
    expect(heading()).toBe('Cannot reach the vault');
  });
});
