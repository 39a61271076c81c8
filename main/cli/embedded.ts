import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import { runCli, type CliHost } from './run';

/**
 * The CLI as the packaged app runs it (main/app/cli-host.ts, `liaison` launched beside the app): the same
 * commands as main/cli/index.ts, on the real process, plus what only the host knows (the SQLite binary built
 * for Electron's ABI). Returns the exit code; the host exits.
 */
export function runEmbeddedCli(argv: readonly string[], host: CliHost): Promise<number> {
  // In Electron's main process process.exit is app.exit.
  exitQuietlyOnBrokenPipe(process.stdout, (code) => process.exit(code));
  return runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }, host);
}
