import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBridge, ok } from '../testing/fake-bridge';
import { ApiFailure, unwrap } from './api-failure';
import { createClient, requireClient } from './client';

describe('unwrap', () => {
  it('returns the value of a successful result', () => {
    expect(unwrap(ok(42))).toBe(42);
  });

  it('throws an ApiFailure carrying the code and message', () => {
    const failure = (() => {
      try {
        unwrap({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase' } });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase' });
  });
});

describe('createClient', () => {
  it('resolves to the unwrapped value and passes the request through', async () => {
    const bridge = createFakeBridge({ 'vault:unlock': () => ok({ state: 'unlocked', location: '/v' }) });
    const client = createClient(bridge.api);
    await expect(client.vault.unlock({ passphrase: 'p' })).resolves.toEqual({ state: 'unlocked', location: '/v' });
    expect(bridge.calls).toEqual([{ channel: 'vault:unlock', request: { passphrase: 'p' } }]);
  });

  it('rejects with the contract error code', async () => {
    const bridge = createFakeBridge({
      'vault:unlock': () => ({ ok: false, error: { code: 'NEWER_SCHEMA', message: 'newer' } }),
    });
    await expect(createClient(bridge.api).vault.unlock({ passphrase: 'p' })).rejects.toMatchObject({
      name: 'ApiFailure',
      code: 'NEWER_SCHEMA',
    });
  });

  it('turns a transport exception into an INTERNAL failure without leaking its text', async () => {
    const bridge = createFakeBridge({
      'vault:status': () => {
        throw new Error('socket hang up at /home/analyst/secret');
      },
    });
    const rejection = createClient(bridge.api).vault.status({});
    await expect(rejection).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(rejection).rejects.not.toMatchObject({ message: expect.stringContaining('/home') });
  });
});

describe('createClient: files', () => {
  it('keeps flags and unwraps the file calls', async () => {
    const client = createClient(createFakeBridge().api);
    expect(client.files.canPick).toBe(false);
    await expect(client.files.grant([new File(['abc'], 'a.csv')])).resolves.toEqual({
      grantId: 'grant-1',
      files: [{ name: 'a.csv', size: 3 }],
    });
  });
});

describe('requireClient', () => {
  afterEach(() => {
    delete window.liaison;
  });

  it('fails clearly when the page has no bridge', () => {
    expect(() => requireClient()).toThrow(ApiFailure);
  });

  it('rebuilds when the bridge changes', () => {
    window.liaison = createFakeBridge().api;
    const first = requireClient();
    expect(requireClient()).toBe(first);
    window.liaison = createFakeBridge().api;
    expect(requireClient()).not.toBe(first);
  });
});
