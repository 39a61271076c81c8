import os from 'node:os';
import path from 'node:path';
import { WorkbenchError } from '../core/errors';
import { defaultVaultLocation } from '../core/vault/paths';

/** The process surface the CLI uses, injectable so tests can run it in-process. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  /** `isTTY` decides whether long commands draw a progress line. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Read only for the no-echo passphrase prompt, and only when it is a TTY. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  vault?: string;
  passphraseFile?: string;
}

/** What the program running the CLI provides beyond the io: nothing from `node`, the SQLite binary from the app. */
export interface CliHost {
  /** better_sqlite3.node built for the running ABI (the app binary's); node_modules' copy otherwise. */
  nativeBinding?: string;
}

/** What commands share: the io, and where the vault is once a command has resolved it (for error lines). */
export interface CliContext {
  io: CliIo;
  /** Set by `resolveLocation`, so an error line can name the folder the user meant. */
  location?: string;
  resolveLocation(options: GlobalOptions): string;
  actor(): string;
  /** What every vault entry point needs: the actor, and the host's SQLite binary if it has one. */
  vaultOptions(): { actor: string; nativeBinding?: string };
}

/** Builds the shared context for one CLI run. */
export function createContext(io: CliIo, host: CliHost = {}): CliContext {
  const context: CliContext = {
    io,
    resolveLocation(options) {
      // `--vault "$UNSET"` must not turn into the current folder (path.resolve('')): refused, not guessed.
      if (options.vault?.trim() === '') throw new WorkbenchError('INVALID_INPUT', '--vault is empty: name the vault folder.');
      const chosen = options.vault ?? (io.env.LIAISON_VAULT || undefined) ?? defaultVaultLocation(io.env);
      context.location = path.resolve(chosen);
      return context.location;
    },
    actor() {
      if (io.env.LIAISON_ANALYST) return io.env.LIAISON_ANALYST;
      try {
        return os.userInfo().username || 'unknown';
      } catch {
        return 'unknown'; // no passwd entry, e.g. an arbitrary uid in a container
      }
    },
    vaultOptions() {
      const actor = context.actor();
      return host.nativeBinding ? { actor, nativeBinding: host.nativeBinding } : { actor };
    },
  };
  return context;
}
