import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultVaultLocation } from '../../core/vault';
import { startCore } from '../core-client';
import { parseHostArgs, USAGE } from './args';
import { generateToken } from './security';
import { startWebServer } from './server';

/** The browser host: the same core as the desktop app, served to a local browser over loopback HTTP. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : USAGE}\n`);
    process.exit(2);
  }
  const vaultLocation = path.resolve(args.vault ?? process.env.LIAISON_VAULT ?? defaultVaultLocation());
  const actor = process.env.LIAISON_ANALYST ?? os.userInfo().username;
  // Resolved here, in the entry file, because shared code may be bundled into out/main/chunks/.
  // Exports are handed out as downloads, then removed with the folder when the host stops.
  const exportFolder = await mkdtemp(path.join(os.tmpdir(), 'liaison-exports-'));
  const core = startCore({ vaultLocation, actor, exportFolder, workerUrl: new URL('./core-worker.js', import.meta.url) });
  const host = await startWebServer({
    core,
    token: generateToken(),
    // Built next to this file: out/main/web-host.js serves out/renderer.
    staticRoot: path.resolve(import.meta.dirname, '../renderer'),
    port: args.port,
    exportFolder,
  });

  if (args.json) {
    process.stdout.write(`${JSON.stringify({ url: host.launchUrl, port: host.port })}\n`);
  } else {
    process.stdout.write(
      `Liaison Workbench is serving vault ${vaultLocation}\n` +
        `Open this address in your browser; it works once, for the first browser that opens it:\n\n  ${host.launchUrl}\n\n` +
        'Press Ctrl+C to stop.\n',
    );
  }

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([host.close(), core.close()])
      .then(() => rm(exportFolder, { recursive: true, force: true }))
      .then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`web-host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
