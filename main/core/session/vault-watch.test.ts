import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type Vault } from '../vault';
import type { Timers } from './idle-timer';
import { watchVault } from './vault-watch';

const made: string[] = [];
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const KDF = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'watch test passphrase';

/** Timers driven by the test: `tick()` runs what is due, as the clock would. */
function manualTimers(): Timers & { tick(): void; pending(): number } {
  let due: (() => void)[] = [];
  return {
    setTimeout: (callback) => (due.push(callback), callback),
    clearTimeout: (handle) => (due = due.filter((c) => c !== handle)),
    tick() {
      const now = due;
      due = [];
      for (const callback of now) callback();
    },
    pending: () => due.length,
  };
}

describe('watchVault', () => {
  it('reports commits of another process and of the own writer, once each, and nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-watch-'));
    made.push(dir);
    const app = await createVault(path.join(dir, 'vault'), PASSPHRASE, { actor: 'app', kdf: KDF });
    open.push(app);
    // A second, independent connection: what `liaison import` opens while the app is running.
    const cli = await unlockVault(path.join(dir, 'vault'), PASSPHRASE, { actor: 'cli' });
    open.push(cli);
    const timers = manualTimers();
    let changes = 0;
    const watch = watchVault(app.reader, () => (changes += 1), timers);

    timers.tick();
    expect(changes).toBe(0);
    cli.db.prepare("INSERT INTO audit_entries (at, actor, action, target, before_json, after_json) VALUES ('2026-01-01T00:00:00.000Z', 'cli', 'test.write', NULL, NULL, NULL)").run();
    timers.tick();
    expect(changes).toBe(1);
    timers.tick();
    expect(changes).toBe(1);
    app.db.prepare("INSERT INTO audit_entries (at, actor, action, target, before_json, after_json) VALUES ('2026-01-01T00:00:01.000Z', 'app', 'test.write', NULL, NULL, NULL)").run();
    timers.tick();
    expect(changes).toBe(2);

    watch.stop();
    expect(timers.pending()).toBe(0);
    cli.db.prepare("INSERT INTO audit_entries (at, actor, action, target, before_json, after_json) VALUES ('2026-01-01T00:00:02.000Z', 'cli', 'test.write', NULL, NULL, NULL)").run();
    timers.tick();
    expect(changes).toBe(2);
  });
});
