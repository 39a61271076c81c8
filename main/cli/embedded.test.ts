import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/helpers/temp-dirs';

// out/cli/embedded.js as the packaged app's CLI mode loads it (main/app/cli-host.ts): built (the global setup
// rebuilds a stale out/cli), run on the real process, with the host's SQLite binary.

const root = path.join(import.meta.dirname, '..', '..');
const EMBEDDED = pathToFileURL(path.join(root, 'out', 'cli', 'embedded.js')).href;
/** The Node-ABI binary: the packaged app passes its Electron-ABI twin the same way. */
const NODE_BINDING = path.join(
  path.dirname(createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
/** What cli-host.ts does, minus Electron: import the build by URL, run, exit with the CLI's code. */
const HOST = 'const cli = await import(process.argv[1]); process.exitCode = await cli.runEmbeddedCli(JSON.parse(process.argv[2]), JSON.parse(process.argv[3]));';

const dirs = tempDirs('liaison-embedded-');
afterEach(() => dirs.cleanup());

function host(args: string[], nativeBinding?: string) {
  const hostOptions = nativeBinding ? { nativeBinding } : {};
  return spawnSync(process.execPath, ['--input-type=module', '-e', HOST, EMBEDDED, JSON.stringify(args), JSON.stringify(hostOptions)], {
    encoding: 'utf8',
    env: { ...process.env, LIAISON_PASSPHRASE: 'embedded passphrase 1', LIAISON_ANALYST: 'tester' },
  });
}

describe('the embedded CLI build', () => {
  it('answers --help like `liaison`', () => {
    const run = host(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: liaison');
    expect(run.stdout).toContain('indicators');
  });

  it('opens the vault with the SQLite binary the host names, not node_modules’ copy', () => {
    const vault = path.join(dirs.make(), 'v');
    const missing = host(['--vault', vault, 'vault', 'init', '--json'], path.join(dirs.make(), 'absent', 'better_sqlite3.node'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('liaison: the vault database could not be opened\n');
    expect(fs.existsSync(path.join(vault, 'vault.db'))).toBe(false);

    const created = host(['--vault', vault, 'vault', 'init', '--json'], NODE_BINDING);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout).location).toBe(vault);
    const info = host(['--vault', vault, 'vault', 'info', '--json'], NODE_BINDING);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout).schemaVersion).toBeGreaterThan(0);
  });
});
