#!/usr/bin/env node
// The `liaison` command. Runs the built CLI (out/cli, made by `npm run build` and on `npm ci`) when it is
// current: no TypeScript is compiled at start-up. When the build is missing or any source it was built from
// has changed since, it runs the sources through tsx instead, silently, so a checkout never runs stale code.
// LIAISON_DEBUG=1 says which one runs and why.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBuildStaleReason } from './cli-build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Tests point this elsewhere to play a fresh checkout with no build.
const outDir = process.env.LIAISON_CLI_BUILD_DIR || join(root, 'out', 'cli');

const reason = cliBuildStaleReason(root, outDir);
if (process.env.LIAISON_DEBUG) process.stderr.write(`liaison: running ${reason ? `the sources (${reason})` : 'the build'}\n`);
if (reason === null) {
  await import(pathToFileURL(join(outDir, 'liaison.js')).href);
} else if (process.env.LIAISON_CLI_REQUIRE_BUILD) {
  // Set by the tests that must exercise the CLI as built.
  process.stderr.write(`liaison: the built CLI is not current (${reason}); run "npm run build:cli"\n`);
  process.exitCode = 1;
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    // An install without dev dependencies has neither esbuild (so no build) nor tsx: one line, not a stack.
    process.stderr.write(`liaison: the CLI is not built (${reason}) and tsx is not installed to run its sources; install the dev dependencies and run "npm run build:cli"\n`);
    process.exit(1);
  }
  tsx.register();
  await import('../main/cli/index.ts');
}
