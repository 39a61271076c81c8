import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Timers } from './idle-timer';

/** How often the open vault is checked for commits by other connections: the app shows them within a second or two. */
export const VAULT_WATCH_MS = 750;

export interface VaultWatch {
  stop(): void;
}

/**
 * Calls `onChange` when another connection has committed to the vault: the CLI importing or triaging
 * while the app is open, a second window, or this session's own writer. SQLite bumps a connection's
 * `PRAGMA data_version` whenever a commit by any other connection is visible to it (sqlite.org,
 * pragma.html#pragma_data_version); reading it is a few microseconds, so polling the reader costs nothing
 * and needs no file watching (which is unreliable for WAL files across platforms).
 */
export function watchVault(reader: Database, onChange: () => void, timers: Timers, intervalMs = VAULT_WATCH_MS): VaultWatch {
  const version = reader.prepare('PRAGMA data_version').pluck();
  let last = version.get() as number;
  let handle: unknown = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped || !reader.open) return;
    const now = version.get() as number;
    if (now !== last) {
      last = now;
      onChange();
    }
    if (!stopped) handle = timers.setTimeout(tick, intervalMs);
  };
  handle = timers.setTimeout(tick, intervalMs);
  return {
    stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
