import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** File names inside a vault folder. SQLite adds `vault.db-wal` and `vault.db-shm` next to the database. */
export const VAULT_FILES = {
  db: 'vault.db',
  wal: 'vault.db-wal',
  shm: 'vault.db-shm',
  keyring: 'keyring.json',
} as const;

/** Absolute paths of every file that makes up the vault at `location`. */
export function vaultPaths(location: string): { dir: string; db: string; wal: string; shm: string; keyring: string } {
  const dir = path.resolve(location);
  return {
    dir,
    db: path.join(dir, VAULT_FILES.db),
    wal: path.join(dir, VAULT_FILES.wal),
    shm: path.join(dir, VAULT_FILES.shm),
    keyring: path.join(dir, VAULT_FILES.keyring),
  };
}

/**
 * Where the vault lives by default, following each platform's convention for per-user application data
 * (XDG Base Directory on Linux and other Unixes, Application Support on macOS, Roaming AppData on Windows).
 */
export function defaultVaultLocation(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Liaison Workbench', 'vault');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Liaison Workbench', 'vault');
  }
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const dataHome = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, 'liaison-workbench', 'vault');
}

/**
 * 'present' when something a vault would consist of is there: keyring.json or vault.db, or the location
 * itself is a non-folder (we cannot create there; unlocking reports it as not a vault). Whether it is a
 * valid vault is decided by unlocking, not here.
 */
export function getVaultPresence(location: string): 'absent' | 'present' {
  const paths = vaultPaths(location);
  const stat = fs.statSync(paths.dir, { throwIfNoEntry: false });
  if (!stat) return 'absent';
  if (!stat.isDirectory()) return 'present';
  return fs.existsSync(paths.keyring) || fs.existsSync(paths.db) ? 'present' : 'absent';
}
