// Part of the CLI build (build-cli.mjs). Node reads a CommonJS package that an ES module imports through
// cjs-module-lexer first, to find its named exports: for tldts (a 220 KB file) that costs ~70 ms of CPU at
// every `liaison` start, against ~13 ms to require() it; ipaddr.js ~17 ms against ~3 ms (issue #16). So the
// bundle require()s the CommonJS packages it imports, through createRequire: same module instance, same
// values (esbuild gives a default import module.exports, as Node does), no lexer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Starts every output file: the `require` that esbuild's require() of an external package calls. */
export const REQUIRE_BANNER =
  "import { createRequire as __liaisonCreateRequire } from 'node:module';\nconst require = __liaisonCreateRequire(import.meta.url);";

/** Packages whose ES entry only re-exports their CommonJS build, so an import still runs the lexer on it. */
const COMMONJS_BEHIND_ESM_WRAPPER = new Set(['commander']);

/** The package name of a bare specifier: `@noble/hashes/sha3` -> `@noble/hashes`, `tldts` -> `tldts`. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Whether Node loads `specifier`, imported from `root`, as CommonJS: its ES-import entry ends in .cjs, or in
 * .js under a package.json without "type": "module". Built-ins and unresolvable names are not.
 */
export function isCommonJsImport(specifier, root) {
  if (specifier.startsWith('node:')) return false;
  if (COMMONJS_BEHIND_ESM_WRAPPER.has(packageName(specifier))) return true;
  let file;
  try {
    file = new URL(import.meta.resolve(specifier, pathToFileURL(join(root, 'package.json')).href)).pathname;
  } catch {
    return false;
  }
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs') || !file.endsWith('.js')) return false;
  return nearestPackageType(file) !== 'module';
}

function nearestPackageType(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type ?? 'commonjs';
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return 'commonjs';
}

/** An esbuild plugin: each CommonJS package import becomes a require() of it (REQUIRE_BANNER's). */
export function cjsViaRequire(root) {
  // createRequire is checked to exist here, not at run time of the CLI: the banner depends on it.
  if (typeof createRequire !== 'function') throw new Error('node:module has no createRequire');
  const verdicts = new Map();
  return {
    name: 'liaison-cjs-via-require',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        // The require() inside the stand-in below: left for Node to resolve, like every package.
        if (args.namespace === 'liaison-cjs') return { path: args.path, external: true };
        if (args.kind !== 'import-statement') return undefined;
        if (!verdicts.has(args.path)) verdicts.set(args.path, isCommonJsImport(args.path, root));
        return verdicts.get(args.path) ? { path: args.path, namespace: 'liaison-cjs' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'liaison-cjs' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}
