// Electron-free so it is unit-tested under plain Node (cli-mode.test.ts). The packaged app has no Node of its
// own to run bin/liaison.mjs with, and its `runAsNode` fuse stays off, so the `liaison` launchers shipped
// beside it (bin/packaged/) start the app binary itself in CLI mode:
//
//   <app binary> --liaison-cli [Chromium switches] -- <the user's arguments>
//
// The `--` matters twice: Chromium stops reading switches there, so a user's `--vault=...` never reaches it,
// and it tells the launcher's own switches from the user's arguments.

/** The first argument that puts the app binary into CLI mode. */
export const CLI_MODE_FLAG = '--liaison-cli';

/**
 * The CLI's arguments when `argv` (Electron's process.argv) asks for CLI mode, else undefined. The flag must
 * be the first argument (after the app folder when Electron runs it from sources: `defaultApp`), so an
 * argument the desktop app was opened with can never switch it into CLI mode by accident.
 */
export function cliModeArguments(argv: readonly string[], defaultApp: boolean): string[] | undefined {
  const flagAt = defaultApp ? 2 : 1;
  if (argv[flagAt] !== CLI_MODE_FLAG) return undefined;
  const rest = argv.slice(flagAt + 1);
  const separator = rest.indexOf('--');
  // Without a separator, or when something before it is not a switch (`--liaison-cli vault info -- x` typed
  // by hand), every argument is the CLI's.
  if (separator === -1 || !rest.slice(0, separator).every((arg) => arg.startsWith('--'))) return rest;
  return rest.slice(separator + 1);
}

/** The part of a writable stream that flushing needs. */
export interface FlushableStream {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/**
 * Waits until everything written to `streams` has been handed to the system, then exits with `code`. The app
 * exits through `app.exit`, which ends the process at once: without this wait, output still queued on a pipe
 * (asynchronous on macOS and Windows) would be lost, and `liaison ... | jq` would read half a document.
 */
export async function flushThenExit(streams: readonly FlushableStream[], code: number, exit: (code: number) => void): Promise<void> {
  await Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          // An empty write calls back once every earlier write has been flushed; a closed pipe (EPIPE) counts too.
          try {
            stream.write('', () => resolve());
          } catch {
            resolve();
          }
        }),
    ),
  );
  exit(code);
}
