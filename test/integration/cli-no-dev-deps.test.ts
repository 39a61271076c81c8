import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-no-dev-deps-');
afterEach(() => dirs.cleanup());

describe('bin/liaison.mjs in an install without dev dependencies', () => {
  it('says in one line that the CLI is not built and tsx is missing, instead of a stack trace', () => {
    // A copy of bin/ with no out/cli beside it and no node_modules above it: no build, and no tsx to import.
    const root = dirs.make();
    fs.cpSync(path.resolve('bin'), path.join(root, 'bin'), { recursive: true });
    const env = { ...process.env, LIAISON_CLI_REQUIRE_BUILD: '', LIAISON_CLI_BUILD_DIR: '' };
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'liaison.mjs'), '--help'], { encoding: 'utf8', env, cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'liaison: the CLI is not built (no build) and tsx is not installed to run its sources; install the dev dependencies and run "npm run build:cli"\n',
    );
  });
});
