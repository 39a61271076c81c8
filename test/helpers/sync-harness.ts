import fs from 'node:fs';
import path from 'node:path';
import type { Vault } from '../../main/core/vault';
import { addSyncProfile, runSync, type ProfileRunReport, type SyncRunOptions } from '../../main/core/sync';
import { importFiles, createImportVault } from './import-vault';
import { afterEach } from 'vitest';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';
import { tempDirs } from './temp-dirs';

export const SHARED = DEFAULT_COLLECTIONS[0]!.id;

/**
 * Temporary folders, the vaults a test opens and the test server it starts, all released after each
 * test (a server left listening or a vault left open would leak into the next test's figures).
 */
export function syncTestBed(prefix: string): {
  dirs: ReturnType<typeof tempDirs>;
  open: Vault[];
  serve(options?: Parameters<typeof startTaxiiServer>[0]): Promise<TaxiiTestServer>;
} {
  const dirs = tempDirs(prefix);
  const open: Vault[] = [];
  let server: TaxiiTestServer | undefined;
  afterEach(async () => {
    for (const vault of open.splice(0)) vault.close();
    await server?.close();
    server = undefined;
    dirs.cleanup();
  });
  return {
    dirs,
    open,
    async serve(options) {
      await server?.close();
      server = await startTaxiiServer(options);
      return server;
    },
  };
}

/** A vault in `dir` holding one indicator per value (imported from a text report at TLP:GREEN). */
export async function vaultWithIndicators(dir: string, values: readonly string[], now: () => Date): Promise<Vault> {
  const vault = await createImportVault(dir, now);
  if (values.length > 0) {
    const file = path.join(dir, 'report.txt');
    fs.writeFileSync(file, values.join('\n') + '\n');
    const summary = await importFiles(vault, [file], { tlp: 'green', sourceName: 'seed report' });
    if (!summary.results[0]?.committed) throw new Error(`seed import failed: ${JSON.stringify(summary.errors)}`);
  }
  return vault;
}

/** Adds profile `hub` for the test server's read/write collection. */
export function addHub(vault: Vault, server: TaxiiTestServer, extra: { tlpMax?: 'clear' | 'green' | 'amber' | 'red'; caPem?: string } = {}): void {
  addSyncProfile(vault.db, {
    name: 'hub',
    discoveryUrl: server.discoveryUrl,
    pushCollection: SHARED,
    credentials: { kind: 'basic', user: 'ana', password: 'hub password 1234' },
    tlpMax: extra.tlpMax ?? 'amber',
    ...(extra.caPem ? { caPem: extra.caPem } : {}),
  }, { actor: 'ana', at: vault.now() });
}

export const HUB_USER = { basic: { user: 'ana', password: 'hub password 1234' } };

/** A run with no real waiting: every backoff is recorded instead of slept. */
export function syncNow(vault: Vault, options: Partial<SyncRunOptions> & { waits?: number[] } = {}): Promise<ProfileRunReport[]> {
  const waits = options.waits ?? [];
  return runSync(vault.db, {
    actor: 'ana',
    force: true,
    now: vault.now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    timeoutMs: 2_000,
    ...options,
  });
}

export function indicatorIds(vault: Vault): number[] {
  return vault.db.prepare('SELECT id FROM indicators ORDER BY id').pluck().all() as number[];
}
