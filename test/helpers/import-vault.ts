import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVault, type Vault } from '../../main/core/vault';
import { importPaths, type ImportRequestOptions } from '../../main/core/ingest/import/import-job';
import type { ImportSummary } from '../../main/core/ingest/import/import-summary';
import { FAST_KDF, steppingClock } from './vault-forge';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a file under test/fixtures/ingest. */
export function ingestFixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', 'ingest', ...parts);
}

/** A fresh unlocked vault in `dir` with the cheapest KDF and a stepping clock. */
export async function createImportVault(dir: string, now = steppingClock()): Promise<Vault> {
  return createVault(path.join(dir, 'vault'), 'import test passphrase', { actor: 'ana', now, kdf: FAST_KDF });
}

/** `importPaths` with the defaults tests share: auto format, strict (all or nothing, so a stray reject fails loudly), actor "ana". */
export function importFiles(vault: Vault, paths: readonly string[], options: Partial<ImportRequestOptions> = {}): Promise<ImportSummary> {
  return importPaths(vault.db, paths, { format: 'auto', strict: true, actor: 'ana', now: vault.now, ...options });
}

/** Rejects with a clear message if `promise` has not settled within `ms`: a hang fails the test, not the run. */
export async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
