#!/usr/bin/env node
// Import-graph checks over main/, preload/ and renderer/ (every non-test source file is an entry, so code
// no entry point reaches yet is checked too), with dpdm:
//   1. no circular imports, counting type-only imports (a type cycle is still a layering knot);
//   2. layering (STYLE.md "Who may import whom"), by resolved path:
//      - main/core imports neither electron nor preload/ nor anything above it (app, ipc, host, cli);
//      - renderer imports nothing from main/ and not electron;
//      - electron is imported only by main/app, main/ipc, main/host and preload/index.ts.
// Exits 1 on any violation, printing each.
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';

/** `--root <dir>` checks another tree laid out the same way (used to prove the check fails when it should). */
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag > 0 && process.argv[rootFlag + 1] ? resolve(process.argv[rootFlag + 1]) : resolve(import.meta.dirname, '..');
const SOURCE_DIRS = ['main', 'preload', 'renderer'];
const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.(test|spec)\.(ts|tsx)$|\.d\.ts$/;

function listSources(dir) {
  const found = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSources(path));
    else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) found.push(path);
  }
  return found;
}

const posix = (path) => path.split(sep).join('/');
const isElectron = (request) => request === 'electron' || request.startsWith('electron/');
const under = (path, ...prefixes) => prefixes.some((prefix) => path.startsWith(prefix));

/** The rule an import breaks, if any; `from` and `to` are project-relative posix paths (`to` is undefined for a package). */
function layeringViolation(from, request, to) {
  const target = to ?? request;
  if (under(from, 'main/core/')) {
    if (isElectron(request)) return 'main/core must not import electron';
    if (under(target, 'preload/')) return 'main/core must not import preload/';
    if (under(target, 'main/app/', 'main/ipc/', 'main/host/', 'main/cli/')) return 'main/core must not import the layers above it';
  }
  if (under(from, 'renderer/')) {
    if (under(target, 'main/')) return 'renderer must not import from main/';
    if (isElectron(request)) return 'renderer must not import electron';
  }
  if (isElectron(request) && !under(from, 'main/app/', 'main/ipc/', 'main/host/') && from !== 'preload/index.ts') {
    return 'only main/app, main/ipc, main/host and preload/index.ts may import electron';
  }
  return undefined;
}

async function main() {
  const entries = SOURCE_DIRS.flatMap((dir) => listSources(dir));
  const tree = await parseDependencyTree(entries, {
    cwd: root,
    context: root,
    transform: false,
    skipDynamicImports: false,
    tsconfig: join(resolve(import.meta.dirname, '..'), 'tsconfig.json'),
  });

  const problems = [];
  for (const cycle of parseCircular(tree)) problems.push(`circular import: ${[...cycle, cycle[0]].map(posix).join(' -> ')}`);
  for (const [file, dependencies] of Object.entries(tree)) {
    const from = posix(file);
    if (!under(from, ...SOURCE_DIRS.map((dir) => `${dir}/`))) continue;
    for (const dependency of dependencies ?? []) {
      const to = dependency.id === null || dependency.id.includes('node_modules') ? undefined : posix(relative(root, resolve(root, dependency.id)));
      const violation = layeringViolation(from, dependency.request, to);
      if (violation) problems.push(`${violation}: ${from} imports '${dependency.request}'`);
    }
  }

  if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(`check-cycles: ${problems.length} problem(s) in ${Object.keys(tree).length} files.`);
    return 1;
  }
  console.log(`check-cycles: ${entries.length} source files, ${Object.keys(tree).length} modules: no cycles, layering holds.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
