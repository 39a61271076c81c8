import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVaultLocation } from '../core/vault/paths';
import { resolveLaunchOptions } from './launch-options';

const alice = () => 'alice';

describe('resolveLaunchOptions', () => {
  it('uses the platform default vault and the OS user when nothing is given', () => {
    const env = { HOME: '/home/alice' };
    expect(resolveLaunchOptions(['electron', '.'], env, alice)).toEqual({ vaultLocation: defaultVaultLocation(env), actor: 'alice' });
  });

  it('prefers --vault over LIAISON_VAULT, in both argument forms, and LIAISON_ANALYST over the OS user', () => {
    const env = { LIAISON_VAULT: '/env/vault', LIAISON_ANALYST: 'a.analyst' };
    expect(resolveLaunchOptions(['app'], env, alice)).toEqual({ vaultLocation: resolve('/env/vault'), actor: 'a.analyst' });
    expect(resolveLaunchOptions(['app', '--vault=/arg/vault'], env, alice).vaultLocation).toBe(resolve('/arg/vault'));
    expect(resolveLaunchOptions(['app', '--vault', 'rel/vault'], env, alice).vaultLocation).toBe(resolve('rel/vault'));
  });

  it('ignores empty values', () => {
    const env = { LIAISON_VAULT: '', LIAISON_ANALYST: '' };
    expect(resolveLaunchOptions(['app', '--vault='], env, alice)).toEqual({ vaultLocation: defaultVaultLocation(env), actor: 'alice' });
  });
});
