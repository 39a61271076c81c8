import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/helpers/temp-dirs';
import { WorkbenchSession } from '../core/session';
import { createDispatcher } from './dispatch';

const dirs = tempDirs('liaison-dispatch-');
afterEach(() => dirs.cleanup());

function setup() {
  const logged: string[] = [];
  const session = new WorkbenchSession({ location: join(dirs.make(), 'vault'), actor: 'analyst' });
  return { session, logged, dispatch: createDispatcher(session, (line) => logged.push(line)) };
}

describe('createDispatcher', () => {
  it('refuses channels the contract does not declare', async () => {
    const { dispatch } = setup();
    for (const channel of ['vault:drop', '__proto__', 'constructor', 42, null]) {
      expect(await dispatch(channel, {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown request.' } });
    }
  });

  it('validates payloads and never echoes a rejected value', async () => {
    const { dispatch } = setup();
    const secret = 'x'.repeat(2000);
    const result = await dispatch('vault:create', { passphrase: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(await dispatch('vault:create', { passphrase: 'a long enough passphrase', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('audit:list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes domain errors through by code and message', async () => {
    const { dispatch } = setup();
    expect(await dispatch('settings:get', {})).toEqual({ ok: false, error: { code: 'LOCKED', message: 'The vault is locked.' } });
  });

  it('hides unexpected failures behind INTERNAL and logs them without the request', async () => {
    const { session, dispatch, logged } = setup();
    await session.create('a long enough passphrase');
    session.requireVault().db.exec('DROP TABLE indicators');
    const result = await dispatch('indicators:list', { search: 'needle-in-request' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toMatch(/indicators|sqlite|at .*\.ts/i);
    expect(logged.join('\n')).toContain('indicators:list failed');
    expect(logged.join('\n')).not.toContain('needle-in-request');
    session.lock('user');
  });
});
