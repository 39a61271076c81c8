import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, channels, type LiaisonEvent, type Result } from '../../preload/contract';
import type { CoreClient } from '../host/core-client';

const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { bindElectronIpc } = await import('./electron-ipc');

const ORIGIN = 'app://liaison/';

function fakeCore(reply: (channel: string, payload: unknown) => Promise<Result<unknown>>) {
  const listeners = new Set<(event: LiaisonEvent) => void>();
  const invoke = vi.fn(reply);
  const core: CoreClient = {
    invoke,
    grant: async () => ({ ok: true, value: { grantId: 'g', files: [] } }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
  return { core, invoke, emit: (event: LiaisonEvent) => listeners.forEach((listener) => listener(event)) };
}

function fakeContents() {
  return { send: vi.fn(), isDestroyed: () => false } as unknown as WebContents & { send: ReturnType<typeof vi.fn> };
}

function eventFrom(sender: WebContents, url: string, parent: object | null = null): IpcMainInvokeEvent {
  return { sender, senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

function setUp(reply: (channel: string, payload: unknown) => Promise<Result<unknown>> = async () => ({ ok: true, value: 'v' })) {
  handlers.clear();
  const window = fakeContents();
  const log = vi.fn();
  const fake = fakeCore(reply);
  const unbind = bindElectronIpc({ core: fake.core, trustedContents: () => window, trustedOrigin: ORIGIN, log });
  const call = (channel: string, payload: unknown, event = eventFrom(window, `${ORIGIN}index.html`)) => handlers.get(channel)!(event, payload);
  return { ...fake, window, log, unbind, call };
}

describe('bindElectronIpc', () => {
  it('handles exactly the contract channels and unbinds them', () => {
    const { unbind } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('forwards a valid request from our window to the core', async () => {
    const { call, invoke } = setUp();
    await expect(call('vault:unlock', { passphrase: 'correct horse' })).resolves.toEqual({ ok: true, value: 'v' });
    expect(invoke).toHaveBeenCalledWith('vault:unlock', { passphrase: 'correct horse' });
  });

  it('refuses other web contents, subframes and foreign pages without logging the payload', async () => {
    const { call, invoke, window, log } = setUp();
    const refused = { ok: false, error: { code: 'INVALID_INPUT', message: 'Request refused.' } };
    await expect(call('vault:unlock', { passphrase: 's3cret' }, eventFrom(fakeContents(), `${ORIGIN}index.html`))).resolves.toEqual(refused);
    await expect(call('vault:unlock', { passphrase: 's3cret' }, eventFrom(window, `${ORIGIN}index.html`, {}))).resolves.toEqual(refused);
    await expect(call('vault:unlock', { passphrase: 's3cret' }, eventFrom(window, 'https://evil.example/'))).resolves.toEqual(refused);
    await expect(call('vault:unlock', { passphrase: 's3cret' }, eventFrom(window, 'app://liaison.evil/'))).resolves.toEqual(refused);
    expect(invoke).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(4);
    expect(JSON.stringify(log.mock.calls)).not.toContain('s3cret');
  });

  it('rejects an invalid payload before it reaches the core', async () => {
    const { call, invoke } = setUp();
    const result = (await call('vault:unlock', { passphrase: '', extra: 1 })) as Result<unknown>;
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('INVALID_INPUT');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes core errors as code and message only, and turns a throw into INTERNAL without detail', async () => {
    const withExtra = setUp(async () => ({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase.', stack: '/home/x' } as never }));
    await expect(withExtra.call('vault:unlock', { passphrase: 'x' })).resolves.toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase.' } });
    const throwing = setUp(async () => {
      throw new Error('ENOENT: /home/alice/.local/share/vault.db');
    });
    const result = await throwing.call('vault:status', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('/home');
  });

  it('pushes core events to our window on the event channel', () => {
    const { emit, window } = setUp();
    emit({ type: 'vault:locked', reason: 'idle' });
    expect(window.send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'vault:locked', reason: 'idle' });
  });
});
