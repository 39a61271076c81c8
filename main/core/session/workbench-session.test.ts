import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeTimers } from '../../../test/helpers/fake-timers';
import { snapshotFolder } from '../../../test/helpers/file-snapshot';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { openRawVaultDb } from '../../../test/helpers/vault-forge';
import { WorkbenchError } from '../errors';
import { seedIndicators } from '../triage/testing/seed';
import { EXPIRY_RETRY_MS, WorkbenchSession, type SessionEvent } from './workbench-session';

const dirs = tempDirs('liaison-session-');
afterEach(() => dirs.cleanup());

function newSession() {
  const timers = fakeTimers();
  const location = join(dirs.make(), 'vault');
  const session = new WorkbenchSession({ location, actor: 'analyst', now: timers.now, timers });
  const events: SessionEvent[] = [];
  session.onEvent((event) => events.push(event));
  return { session, timers, events, location };
}

describe('WorkbenchSession', () => {
  it('goes absent -> unlocked -> locked -> unlocked and says so in events', async () => {
    const { session, events } = newSession();
    expect(session.state()).toBe('absent');
    expect(await session.create('a long enough passphrase')).toBe('unlocked');
    expect(session.lock('user')).toBe('locked');
    expect(await session.unlock('a long enough passphrase')).toBe('unlocked');
    expect(events.map((e) => e.type)).toEqual(['vault:unlocked', 'vault:locked', 'vault:unlocked']);
  });

  it('refuses data operations while locked, and a wrong passphrase touches nothing', async () => {
    const { session, location } = newSession();
    await session.create('a long enough passphrase');
    session.lock('user');
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => session.settings()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    const before = snapshotFolder(location);
    await expect(session.unlock('not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(snapshotFolder(location)).toEqual(before);
    expect(session.state()).toBe('locked');
  });

  it('locks itself after the configured idle minutes, and activity postpones it', async () => {
    const { session, timers, events } = newSession();
    await session.create('a long enough passphrase');
    session.updateSettings({ autoLockMinutes: 2 });
    timers.advance(90_000);
    expect(session.activity().lockAt).toBe(new Date(timers.now().getTime() + 120_000).toISOString());
    timers.advance(119_000);
    expect(session.state()).toBe('unlocked');
    timers.advance(1_000);
    expect(session.state()).toBe('locked');
    expect(events.at(-1)).toEqual({ type: 'vault:locked', reason: 'idle' });
  });

  it('serialises concurrent unlocks so the vault is opened once', async () => {
    const { session, events } = newSession();
    await session.create('a long enough passphrase');
    session.lock('user');
    const results = await Promise.all([session.unlock('a long enough passphrase'), session.unlock('a long enough passphrase')]);
    expect(results).toEqual(['unlocked', 'unlocked']);
    expect(events.filter((e) => e.type === 'vault:unlocked')).toHaveLength(2);
  });

  it('accepts a file grant once', async () => {
    const { session } = newSession();
    await session.create('a long enough passphrase');
    const grantId = session.grantFiles([{ kind: 'bytes', name: 'a.txt', bytes: new TextEncoder().encode('8.8.8.8') }]);
    expect(session.startImport(grantId, { format: 'auto', strict: false }).jobId).toMatch(/^[\w-]{8,}$/);
    expect(() => session.startImport(grantId, { format: 'auto', strict: false })).toThrow(WorkbenchError);
  });

  it('imports granted bytes in the background and reports the outcome as events', async () => {
    const { session, events } = newSession();
    await session.create('a long enough passphrase');
    const report = new TextEncoder().encode('C2 at 185.220.101[.]45 and hxxps://bad-lantern[.]com/gate\n');
    const grantId = session.grantFiles([{ kind: 'bytes', name: 'report.txt', bytes: report }]);
    const { jobId } = session.startImport(grantId, { format: 'auto', strict: false });
    await expect.poll(() => events.find((e) => e.type === 'import:finished'), { timeout: 20_000 }).toBeTruthy();
    const finished = events.find((e) => e.type === 'import:finished');
    expect(finished).toMatchObject({ jobId, summary: { files: 1, indicators_new: 2, rejected: 0 } });
  });

  it('cancels a running import when the vault locks', async () => {
    const { session, events } = newSession();
    await session.create('a long enough passphrase');
    const lines = Array.from({ length: 50_000 }, (_, i) => `host${i}.lantern-example.com`).join('\n');
    const grantId = session.grantFiles([{ kind: 'bytes', name: 'big.txt', bytes: new TextEncoder().encode(lines) }]);
    const { jobId } = session.startImport(grantId, { format: 'text', strict: false });
    session.lock('user');
    await expect.poll(() => events.find((e) => e.type === 'import:failed' || e.type === 'import:finished'), { timeout: 20_000 }).toBeTruthy();
    expect(events.find((e) => e.type === 'import:failed')).toMatchObject({ jobId, error: { code: 'CANCELLED' } });
    await session.unlock('a long enough passphrase');
    expect(session.db().prepare('SELECT count(*) AS n FROM indicators').get()).toEqual({ n: 0 });
  });

  // Issue #15 item 2: another process held the write lock during unlock; expireDue failed with BUSY after
  // 5 s, yet the vault stayed open with lockAt null, and a retried unlock with any passphrase "succeeded".
  it('unlocks while another process holds the write lock: auto-lock armed, expiry deferred until the lock is free', async () => {
    const { session, timers, location } = newSession();
    await session.create('a long enough passphrase');
    session.lock('user');
    await new Promise((resolve) => setImmediate(resolve));
    const other = await openRawVaultDb(location, 'a long enough passphrase');
    try {
      seedIndicators(other, [{ type: 'domain', value: 'past.example', validUntil: '2026-01-01T00:00:00.000Z', status: 'malicious' }]);
      other.exec('BEGIN IMMEDIATE');
      expect(await session.unlock('a long enough passphrase')).toBe('unlocked');
      expect(session.activity().lockAt).not.toBeNull();
      const status = () => session.db().prepare('SELECT status FROM indicators').pluck().get();
      expect(status()).toBe('malicious');
      timers.advance(EXPIRY_RETRY_MS);
      await new Promise((resolve) => setImmediate(resolve));
      expect(status()).toBe('malicious');
      other.exec('COMMIT');
      timers.advance(EXPIRY_RETRY_MS);
      await expect.poll(status).toBe('expired');
      session.lock('user');
      await expect(session.unlock('not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    } finally {
      other.close();
    }
  });

  it('closes the vault and stays locked when a step after opening fails', async () => {
    const { session, location } = newSession();
    await session.create('a long enough passphrase');
    session.lock('user');
    await new Promise((resolve) => setImmediate(resolve));
    const other = await openRawVaultDb(location, 'a long enough passphrase');
    // A settings table the reader cannot read: readSettings, the first step after opening, throws.
    other.exec('ALTER TABLE settings RENAME TO settings_gone');
    other.close();
    await expect(session.unlock('a long enough passphrase')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(session.state()).toBe('locked');
    expect(() => session.activity()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
  });
});
