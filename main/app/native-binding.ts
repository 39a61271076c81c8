import { existsSync } from 'node:fs';
import { app, dialog } from 'electron';
import { nativeBindingPath } from './native-path';

/** Where the better-sqlite3 binary built for this Electron's ABI should be, in this app or checkout. */
export function electronNativeBindingPath(): string {
  return nativeBindingPath({
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  });
}

/**
 * The better-sqlite3 binary built for this Electron's ABI, or undefined after telling the analyst why the
 * app cannot start. node_modules' copy is built for Node (tests, CLI) and would fail to load here.
 */
export function requireNativeBinding(): string | undefined {
  const path = electronNativeBindingPath();
  if (existsSync(path)) return path;
  const detail = app.isPackaged
    ? 'This installation is incomplete: the encrypted-database module is missing. Reinstall Liaison Workbench.'
    : `The encrypted-database module built for Electron (ABI ${process.versions.modules}) is missing. ` +
      'Run `npm run native:electron` (or start with `npm start`, which runs it), then start again.';
  console.error(`[app] native binding not found: ${path}`);
  dialog.showErrorBox('Liaison Workbench cannot start', detail);
  return undefined;
}
