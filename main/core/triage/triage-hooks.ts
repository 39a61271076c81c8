import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Runs inside the transaction of a triage edit, after the edit, with the indicators it changed: what
 * the hook writes commits or rolls back with the edit (sync queues a shared indicator's new version so).
 * Triage cannot import the capabilities above it; they register here instead.
 */
export type IndicatorsEditedHook = (db: Database, indicatorIds: readonly number[], at: Date) => void;

const hooks = new Set<IndicatorsEditedHook>();

/** Registers a hook once (registering the same function again changes nothing); returns its removal. */
export function addIndicatorsEditedHook(hook: IndicatorsEditedHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Whether any hook listens: lets a bulk edit skip collecting ids nobody reads. */
export function hasIndicatorsEditedHooks(): boolean {
  return hooks.size > 0;
}

/** Called by every triage write, inside its transaction. */
export function indicatorsEdited(db: Database, indicatorIds: readonly number[], at: Date): void {
  if (indicatorIds.length === 0) return;
  for (const hook of hooks) hook(db, indicatorIds, at);
}
