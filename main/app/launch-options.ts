import { userInfo } from 'node:os';
import { resolve } from 'node:path';
// paths, not the vault index: the index would drag the SQLite module onto the Electron main thread, which
// loads it with the wrong ABI; only the worker may load it.
import { defaultVaultLocation } from '../core/vault/paths';

// Electron-free so it is unit-tested under plain Node (launch-options.test.ts).

export interface LaunchOptions {
  vaultLocation: string;
  /** Recorded as the actor of every audit entry. */
  actor: string;
}

/** `--vault=<dir>` or `--vault <dir>` among the arguments, if given. */
function vaultArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--vault') return argv[i + 1];
    if (arg?.startsWith('--vault=')) return arg.slice('--vault='.length);
  }
  return undefined;
}

/** The vault folder (`--vault`, then LIAISON_VAULT, then the platform default) and the analyst's name. */
export function resolveLaunchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  username: () => string = () => userInfo().username,
): LaunchOptions {
  const requested = vaultArgument(argv) || env.LIAISON_VAULT || undefined;
  return {
    vaultLocation: requested ? resolve(requested) : defaultVaultLocation(env),
    actor: env.LIAISON_ANALYST || username(),
  };
}
