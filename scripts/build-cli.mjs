#!/usr/bin/env node
// Builds the `liaison` CLI into out/cli: one ES module per command group (code splitting on the dynamic
// imports in main/cli/run.ts), so a command loads only what it needs and nothing is compiled at start-up.
// Runs from `npm run build` and from `prepare` (so `npm ci` leaves a fresh build). Writes
// out/cli/sources.json, the source files the bundle was built from, which bin/liaison.mjs compares with
// the sources on disk to know the build is current. Takes about half a second.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cjsViaRequire, REQUIRE_BANNER } from './cli-cjs-imports.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'cli');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without dev dependencies has no bundler; bin/liaison.mjs then runs the sources.
  console.warn('build-cli: esbuild is not installed; the CLI will run from its sources.');
  process.exit(0);
}

// Built beside the old copy and swapped in whole, so a `liaison` started meanwhile never sees half a build.
const staging = join(root, 'out', `.cli-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
try {
  const result = await esbuild.build({
    absWorkingDir: root,
    // The import's parse worker is found beside the bundle as parse-worker.js (parse-in-worker.ts); embedded.js
    // is the same CLI for the packaged app's CLI mode (main/app/cli-host.ts), sharing every chunk.
    entryPoints: {
      liaison: 'main/cli/index.ts',
      embedded: 'main/cli/embedded.ts',
      'parse-worker': 'main/core/ingest/import/parse-worker.ts',
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Dependencies load from node_modules as they are (the native SQLite binding cannot be bundled anyway).
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS packages are require()d, not imported: see cli-cjs-imports.mjs.
    banner: { js: REQUIRE_BANNER },
    plugins: [cjsViaRequire(root)],
    metafile: true,
    logLevel: 'warning',
  });
  // Neither packages nor the plugin's stand-ins (`liaison-cjs:tldts`) are sources to watch.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.startsWith('node_modules/') && !file.startsWith('liaison-cjs:'))
    .sort();
  writeFileSync(join(staging, 'sources.json'), `${JSON.stringify({ inputs }, null, 2)}\n`);
  const old = join(root, 'out', `.cli-old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(outDir, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}
