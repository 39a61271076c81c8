import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiaisonEvent } from '../../preload/contract';
import { startCore, type CoreClient } from '../../main/host/core-client';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-core-worker-');
const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  dirs.cleanup();
});

/** The real worker, run from the TypeScript sources through tsx (the app runs the bundled copy). */
function start(): CoreClient {
  const core = startCore({
    vaultLocation: join(dirs.make(), 'vault'),
    actor: 'worker-test',
    workerUrl: new URL('../helpers/core-worker-from-source.mjs', import.meta.url),
  });
  clients.push(core);
  return core;
}

describe('core worker', () => {
  it('answers contract calls, pushes events and imports granted files off the calling thread', async () => {
    const core = start();
    const events: LiaisonEvent[] = [];
    core.onEvent((event) => events.push(event));
    expect(await core.invoke('vault:status', {})).toMatchObject({ ok: true, value: { state: 'absent' } });
    expect(await core.invoke('vault:create', { passphrase: 'a long enough passphrase' })).toMatchObject({ ok: true, value: { state: 'unlocked' } });

    const bytes = new TextEncoder().encode('type,value\ndomain,lantern-c2.com\nipv4,185.220.101.45\n');
    const size = bytes.length;
    const grant = await core.grant([{ kind: 'bytes', name: 'feed.csv', bytes }]);
    expect(grant).toMatchObject({ ok: true, value: { files: [{ name: 'feed.csv', size }] } });
    expect(bytes.length).toBe(0); // transferred to the worker, not copied
    if (!grant.ok) return;
    const started = await core.invoke('import:start', { grantId: grant.value.grantId, format: 'auto', strict: false });
    expect(started.ok).toBe(true);
    await expect.poll(() => events.some((e) => e.type === 'import:finished'), { timeout: 20_000 }).toBe(true);
    const list = await core.invoke('indicators:list', { limit: 10 });
    expect(list.ok && (list.value as { value: string }[]).map((i) => i.value).sort()).toEqual(['185.220.101.45', 'lantern-c2.com']);

    expect(await core.invoke('vault:lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(events.map((e) => e.type)).toContain('vault:locked');
  });

  it('copies, rather than transfers, bytes that share their buffer with other data', async () => {
    const core = start();
    await core.invoke('vault:create', { passphrase: 'a long enough passphrase' });
    const pool = new Uint8Array(64).fill(7);
    const view = pool.subarray(8, 16);
    expect(await core.grant([{ kind: 'bytes', name: 'slice.txt', bytes: view }])).toMatchObject({ ok: true });
    expect(pool.length).toBe(64);
    expect(view.length).toBe(8);
  });

  it('answers every pending call once the worker is gone', async () => {
    const core = start();
    await core.close();
    expect(await core.invoke('vault:status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
