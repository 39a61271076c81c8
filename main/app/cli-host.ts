import { existsSync } from 'node:fs';
import { app } from 'electron';
import type { runEmbeddedCli } from '../cli/embedded';
import { flushThenExit } from './cli-mode';
import { electronNativeBindingPath } from './native-binding';

/**
 * Runs the built `liaison` CLI (out/cli, the same build `npm link` users run) inside the app binary and exits
 * with its code. No window, no single-instance lock (the CLI may run while the app is open, as it does from
 * a checkout), no GPU, no dock icon; the CLI itself never touches Electron.
 */
export async function runCliMode(args: readonly string[], cliUrl: URL): Promise<void> {
  app.dock?.hide();
  app.disableHardwareAcceleration();
  let code = 1;
  try {
    const nativeBinding = electronNativeBindingPath();
    // Checked here, not left to SQLite: its own error would name no file and hint at nothing.
    if (!existsSync(nativeBinding)) {
      process.stderr.write(`liaison: the encrypted-database module is missing (${nativeBinding}); reinstall Liaison Workbench\n`);
    } else {
      // A URL computed at run time: the CLI stays its own build instead of being bundled into the app's main.
      const cli = (await import(/* @vite-ignore */ cliUrl.href)) as { runEmbeddedCli: typeof runEmbeddedCli };
      code = await cli.runEmbeddedCli(args, { nativeBinding });
    }
  } catch (error) {
    process.stderr.write(`liaison: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  await flushThenExit([process.stdout, process.stderr], code, (exitCode) => app.exit(exitCode));
}
