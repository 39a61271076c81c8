// Whether the built CLI in out/cli is current: shared by bin/liaison.mjs and the test setup.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Why the build in `outDir` cannot be used for the sources under `root`, or null when it is current: every
 * source file the bundle was built from (out/cli/sources.json) must exist and be no newer than the bundle.
 * A new source file can only be reached through an import added to one of those, so it is caught too.
 */
export function cliBuildStaleReason(root, outDir) {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(join(outDir, 'liaison.js')).mtimeMs;
    ({ inputs } = JSON.parse(readFileSync(join(outDir, 'sources.json'), 'utf8')));
  } catch {
    return 'no build';
  }
  for (const file of inputs) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > builtAt) return `${file} changed since the build`;
  }
  return null;
}
