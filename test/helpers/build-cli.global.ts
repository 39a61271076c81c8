import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBuildStaleReason } from '../../bin/cli-build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Vitest global setup: the CLI tests run the built CLI as a user gets it, so build it when it is not current. */
export default function buildCli(): void {
  if (cliBuildStaleReason(root, path.join(root, 'out', 'cli')) === null) return;
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the CLI failed:\n${run.stderr}`);
}
