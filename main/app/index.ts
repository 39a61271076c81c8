import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session, type BrowserWindow } from 'electron';
import { startCore, type CoreClient } from '../host/core-client';
import { bindElectronFiles } from '../ipc/electron-files';
import { bindElectronIpc } from '../ipc/electron-ipc';
import { APP_ORIGIN } from './app-url';
import { electronPdfPrinter } from './electron-pdf-printer';
import { runCliMode } from './cli-host';
import { cliModeArguments } from './cli-mode';
import { guardSession, installGuards } from './guards';
import { resolveLaunchOptions } from './launch-options';
import { requireNativeBinding } from './native-binding';
import { handleAppScheme, registerAppScheme } from './protocol';
import { createMainWindow, focusWindow } from './window';

/** out/: this file is out/main/index.js; the preload and renderer builds are its siblings. */
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Locking the vault on quit must not hang the quit if the worker is stuck. */
const CORE_CLOSE_TIMEOUT_MS = 5_000;

const cliArguments = cliModeArguments(process.argv, process.defaultApp === true);
if (cliArguments) {
  // `liaison` launched beside the app (cli-mode.ts): no window, no lock; out/cli is this file's sibling build.
  void runCliMode(cliArguments, new URL('../cli/embedded.js', import.meta.url));
} else {
  // Both must happen before `ready`: scheme privileges are fixed then, and guards must see the first window.
  registerAppScheme();
  installGuards();
  if (!app.requestSingleInstanceLock()) {
    // Two instances would open one vault file from two processes; the first one gets focus instead.
    app.quit();
  } else {
    void start();
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  guardSession(session.defaultSession);
  handleAppScheme(join(outDir, 'renderer'));

  const nativeBinding = requireNativeBinding();
  if (nativeBinding === undefined) {
    app.exit(1);
    return;
  }
  const options = resolveLaunchOptions(process.argv, process.env);
  // Named from this entry file: core-client is bundled into a shared chunk, so a path relative to it would be wrong.
  // Exports wait here until the analyst saves them through the save dialog; the folder goes when the app quits.
  const exportFolder = mkdtempSync(join(tmpdir(), 'liaison-exports-'));
  app.on('quit', () => rmSync(exportFolder, { recursive: true, force: true }));
  // Briefing PDFs print with Electron's printToPDF here; the CLI and tests use the system Chromium.
  const pdfPrinter = electronPdfPrinter();
  const core = startCore({ ...options, nativeBinding, exportFolder, pdfPrinter, workerUrl: new URL('./core-worker.js', import.meta.url) });
  let window: BrowserWindow | undefined = createMainWindow(outDir);
  window.on('closed', () => {
    window = undefined;
  });
  const trust = { trustedOrigin: `${APP_ORIGIN}/`, trustedContents: () => window?.webContents };
  bindElectronIpc({ core, ...trust });
  bindElectronFiles({ ...trust, exportFolder, register: (files) => core.grant(files) });

  app.on('second-instance', () => {
    if (window) focusWindow(window);
  });
  // The vault locks when the app closes, on every platform (no macOS dock-only state holding it open).
  app.on('window-all-closed', () => app.quit());
  closeCoreBeforeQuit(core);
}

function closeCoreBeforeQuit(core: CoreClient): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CORE_CLOSE_TIMEOUT_MS).unref());
    void Promise.race([core.close(), timeout]).finally(() => {
      closed = true;
      app.quit();
    });
  });
}
