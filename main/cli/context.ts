import os from 'node:os';
import path from 'node:path';
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

/** What commands share: the io, and where the vault is once a command has resolved it (for error lines). */
export interface CliContext {
  io: CliIo;
  /** Set by `resolveLocation`, so an error line can name the folder the user meant. */
  location?: string;
  resolveLocation(options: GlobalOptions): string;
  actor(): string;
}

/** Builds the shared context for one CLI run. */
export function createContext(io: CliIo): CliContext {
  const context: CliContext = {
    io,
    resolveLocation(options) {
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
  };
  return context;
}
