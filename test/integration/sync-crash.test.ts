import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addSyncProfile, shareIndicators, syncStatus } from '../../main/core/sync';
import { PULL_BATCH_PAGES } from '../../main/core/sync/pull-step';
import { unlockVault, type Vault } from '../../main/core/vault';
import { steppingClock } from '../helpers/vault-forge';
import { tempDirs } from '../helpers/temp-dirs';
import { HUB_USER, SHARED, syncNow, vaultWithIndicators } from '../helpers/sync-harness';
import { startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSPHRASE = 'import test passphrase';
const dirs = tempDirs('liaison-sync-crash-');
let server: TaxiiTestServer | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await server?.close();
  server = undefined;
  dirs.cleanup();
});

const VALUES = Array.from({ length: 30 }, (_, i) => `192.0.2.${i + 1}`);

/** Starts `liaison sync run` in a child process; resolves when `ready` holds, then kills it with SIGKILL. */
async function killMidRun(location: string, ready: () => boolean): Promise<void> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'liaison.mjs'), '--vault', location, 'sync', 'run'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: path.dirname(location), LIAISON_PASSPHRASE: PASSPHRASE, LIAISON_ANALYST: 'ana' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!ready()) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the child sync never reached the point to kill it at');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await exited;
}

/** Makes the n-th matching request hang (never answered) and tells when it arrived. */
function hangAt(s: TaxiiTestServer, method: 'GET' | 'POST', part: string, n: number): { reached: () => boolean; release: () => void } {
  let seen = 0;
  const original = s.faults.take.bind(s.faults);
  s.faults.take = (m, p) => (m === method && p.includes(part) && ++seen === n ? { kind: 'timeout' } : original(m, p));
  return { reached: () => seen >= n, release: () => (s.faults.take = original) };
}

function addProfile(vault: Vault, s: TaxiiTestServer): void {
  addSyncProfile(vault.db, { name: 'hub', discoveryUrl: s.discoveryUrl, pushCollection: SHARED, credentials: { kind: 'basic', ...HUB_USER.basic }, tlpMax: 'amber' }, { actor: 'ana', at: vault.now() });
}

/**
 * The process dies (SIGKILL: no cleanup, no rollback code runs) while a sync is under way; the next run
 * completes and nothing is lost or duplicated: SQLite rolls back the uncommitted transaction, the outbox
 * and the checkpoint say exactly what was committed.
 */
describe('sync after a crash', () => {
  it('mid-push: the next run sends the rest; the hub holds each version once', async () => {
    // 1 object per envelope; the third POST hangs, so the child dies with two batches behind it.
    server = await startTaxiiServer({ users: [HUB_USER], maxContentLength: 700 });
    const dir = dirs.make();
    const a = await vaultWithIndicators(dir, VALUES, steppingClock());
    addProfile(a, server);
    shareIndicators(a.db, a.db.prepare('SELECT id FROM indicators').pluck().all() as number[], { actor: 'ana', at: a.now() });
    a.close();
    const hung = hangAt(server, 'POST', '/objects/', 3);
    await killMidRun(path.join(dir, 'vault'), hung.reached);
    hung.release();
    expect(server.collection(SHARED).versions).toHaveLength(2);

    const again = await unlockVault(path.join(dir, 'vault'), PASSPHRASE, { actor: 'ana' });
    try {
      expect(syncStatus(again.db)[0]).toMatchObject({ accepted: 2, queued: VALUES.length - 2 });
      const [run] = await syncNow(again);
      expect(run!.ok, run!.error).toBe(true);
      const hub = server.collection(SHARED);
      expect(hub.versions).toHaveLength(VALUES.length);
      expect([...hub.receipts.values()].every((n) => n === 1)).toBe(true);
      expect(syncStatus(again.db)[0]).toMatchObject({ queued: 0, pending: 0, failed: 0, accepted: VALUES.length });
    } finally {
      again.close();
    }
  }, 120_000);

  it('mid-pull: the next run continues from the last committed batch of pages; each version imported once', async () => {
    server = await startTaxiiServer({ users: [HUB_USER], pageSize: 5 });
    const now = new Date('2026-03-01T09:00:00.000Z').toISOString();
    // Twelve pages of five: the first PULL_BATCH_PAGES commit together with their checkpoint.
    const values = Array.from({ length: 60 }, (_, i) => `198.51.100.${i + 1}`);
    const committedPages = PULL_BATCH_PAGES * 5;
    server.seed(SHARED, values.map((ip, i) => ({
      type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, created: now, modified: now,
      pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: now,
    })));
    const dir = dirs.make();
    const b = await vaultWithIndicators(dir, [], steppingClock());
    addProfile(b, server);
    b.close();
    // Page 12 hangs: pages 1-10 are committed with their checkpoint, page 11 is held in memory when the child dies.
    const hung = hangAt(server, 'GET', '/objects/', PULL_BATCH_PAGES + 2);
    await killMidRun(path.join(dir, 'vault'), hung.reached);
    hung.release();

    const again = await unlockVault(path.join(dir, 'vault'), PASSPHRASE, { actor: 'ana' });
    try {
      const committed = again.db.prepare("SELECT count(*) FROM sync_received").pluck().get() as number;
      expect(committed).toBe(committedPages);
      const [run] = await syncNow(again);
      expect(run!.ok, run!.error).toBe(true);
      expect(run!.pulled[0]!.received).toBe(values.length - committedPages);
      const sightings = again.db
        .prepare("SELECT i.value, sum(l.sightings) AS n FROM indicators i JOIN indicator_sources l ON l.indicator_id = i.id JOIN sources s ON s.id = l.source_id WHERE s.name = 'hub' GROUP BY i.value")
        .all() as { value: string; n: number }[];
      expect(sightings).toHaveLength(values.length);
      expect(sightings.every((s) => s.n === 1)).toBe(true);
    } finally {
      again.close();
    }
  }, 120_000);
});
