#!/usr/bin/env node
// `npm start` after the build: makes sure the Electron-ABI SQLite binary exists, then runs Electron on the
// project root (package.json `main` is out/main/index.js), forwarding arguments and the exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(dirname(require.resolve('electron/package.json')), 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** The Electron executable, or undefined when the package was installed without its binary. */
function findElectron() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function explainMissingElectron(version) {
  console.error(
    [
      `The Electron ${version} binary is missing from node_modules/electron: the package was probably installed`,
      'without internet access or with ELECTRON_SKIP_BINARY_DOWNLOAD set, so its postinstall download did not run.',
      'To get it, run `node node_modules/electron/install.js` on a machine with internet access (or rerun `npm ci`);',
      'behind a firewall set ELECTRON_MIRROR to a reachable mirror, or copy the download cache (~/.cache/electron;',
      'macOS ~/Library/Caches/electron; Windows %LOCALAPPDATA%\\electron\\Cache) from a machine that has fetched',
      `electron-v${version}-<platform>-<arch>.zip and run install.js again, or point ELECTRON_OVERRIDE_DIST_PATH at an`,
      `unpacked copy of that zip. (\`npx electron@${version} --version\` does not help offline: it needs the same download.)`,
      'Meanwhile `npm run start:web` runs the same workbench in your browser, without Electron.',
    ].join('\n'),
  );
}

function main() {
  const electron = findElectron();
  if (electron === undefined) {
    explainMissingElectron(electronVersion());
    process.exit(1);
  }
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], { cwd: root, stdio: 'inherit' });
  if (native.status !== 0) process.exit(native.status ?? 1);

  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start Electron: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
