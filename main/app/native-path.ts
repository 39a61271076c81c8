import { join } from 'node:path';

// Electron-free so it is unit-tested under plain Node. The folder name must match scripts/native-abi.mjs
// (`nativeTargetName`), which writes it; native-path.test.ts checks that they agree.

export interface NativeLocation {
  packaged: boolean;
  /** `app.getAppPath()`: the project root when running from sources. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder's extraResources land in a packaged app. */
  resourcesPath: string;
  /** `process.versions.modules`: under Electron, Electron's own ABI. */
  abi: string;
  platform: string;
  arch: string;
}

/** Where the Electron-ABI better-sqlite3 binary is, in a packaged app or a source checkout. */
export function nativeBindingPath(location: NativeLocation): string {
  if (location.packaged) return join(location.resourcesPath, 'native', 'better_sqlite3.node');
  const target = `electron-v${location.abi}-${location.platform}-${location.arch}`;
  return join(location.appPath, '.native', target, 'better_sqlite3.node');
}
