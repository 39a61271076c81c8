#!/usr/bin/env node
// Produces the Electron-ABI build of better-sqlite3-multiple-ciphers in
// .native/electron-v<abi>-<platform>-<arch>/better_sqlite3.node, next to (never instead of) the Node-ABI build
// in node_modules that the tests and the CLI load. The Electron main passes this file to the core as
// `nativeBinding`; electron-builder ships it as resources/native/better_sqlite3.node.
//
//   node scripts/electron-native.mjs [--platform=linux|darwin|win32] [--arch=x64|arm64|ia32|armv7l]
//                                    [--force] [--check] [--from-source] [--headers=<dir|tar.gz>]
//
// Only the ABI symbol read from the produced file counts as proof: node-gyp and @electron/rebuild report
// success while building for Node's ABI when an npmrc `nodedir` points them at Node's headers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { checkAbi, electronBuildEnv, nativeTargetName, parseNativeArgs } from './native-abi.mjs';

const MODULE = 'better-sqlite3-multiple-ciphers';
const BINARY = 'better_sqlite3.node';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
/** A download that has not finished in this time is not going to: fall back to compiling. */
const PREBUILT_TIMEOUT_MS = 180_000;

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

function readElectron() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const abi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi) || abi <= 0) throw new Error(`${electronDir}/abi_version does not hold an ABI number`);
  return { version, abi };
}

function readModule() {
  const dir = dirname(require.resolve(`${MODULE}/package.json`));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { dir, version };
}

/** build-info.json beside the binary: a binary for an older module version is stale even at the right ABI. */
function isCurrent(binaryPath, infoPath, abi, moduleVersion) {
  if (!existsSync(binaryPath) || !existsSync(infoPath)) return false;
  const info = JSON.parse(readFileSync(infoPath, 'utf8'));
  return info.moduleVersion === moduleVersion && checkAbi(readFileSync(binaryPath), abi).ok;
}

/** A private copy of the installed package without its build/: node_modules' Node build is never touched. */
function stagePackage(moduleDir) {
  const workDir = mkdtempSync(join(tmpdir(), 'liaison-native-'));
  const packageDir = join(workDir, MODULE);
  const skip = [join(moduleDir, 'build'), join(moduleDir, 'node_modules'), join(moduleDir, 'prebuilds')];
  cpSync(moduleDir, packageDir, {
    recursive: true,
    dereference: true,
    filter: (source) => !skip.some((dir) => source === dir || source.startsWith(dir + sep)),
  });
  return { workDir, packageDir };
}

function run(label, args, cwd, env, timeout) {
  console.log(`[native] ${label} ${args.slice(1).join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: 'inherit', timeout });
  if (result.error) return `${label} could not run (${result.error.message})`;
  if (result.status !== 0) return `${label} exited with ${result.status ?? result.signal}`;
  return undefined;
}

/** The project's own prebuilt binary for this Electron version, from its GitHub releases. */
function tryPrebuilt(packageDir, electron, options) {
  // Resolved from the installed package, whose dependency it is: the staged copy has no node_modules.
  const prebuildInstall = createRequire(require.resolve(`${MODULE}/package.json`)).resolve('prebuild-install/bin.js');
  const args = [prebuildInstall, '--runtime=electron', `--target=${electron.version}`];
  args.push(`--arch=${options.arch}`, `--platform=${options.platform}`, '--verbose');
  return run('prebuild-install', args, packageDir, electronBuildEnv(process.env), PREBUILT_TIMEOUT_MS);
}

/** Compiles against Electron's headers (downloaded by node-gyp, or given offline with --headers). */
function tryCompile(packageDir, electron, options) {
  if (options.platform !== process.platform) {
    return `compiling for ${options.platform} is only possible on ${options.platform} itself`;
  }
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electron.version}`];
  args.push(`--arch=${options.arch}`, `--devdir=${join(homedir(), '.electron-gyp')}`, '--jobs=max');
  if (options.headers === undefined) args.push(`--dist-url=${ELECTRON_HEADERS_URL}`);
  else if (/\.t(ar\.)?gz$/.test(options.headers)) args.push(`--tarball=${resolve(options.headers)}`);
  else args.push(`--nodedir=${resolve(options.headers)}`);
  return run('node-gyp', args, packageDir, electronBuildEnv(process.env), undefined);
}

/** Tries each source in turn; returns the verified binary's bytes and source, or every failure. */
function produce(packageDir, electron, options) {
  const built = join(packageDir, 'build', 'Release', BINARY);
  const failures = [];
  const attempts = options.fromSource ? [['node-gyp', tryCompile]] : [['prebuilt', tryPrebuilt], ['node-gyp', tryCompile]];
  for (const [source, attempt] of attempts) {
    rmSync(join(packageDir, 'build'), { recursive: true, force: true });
    const failure = attempt(packageDir, electron, options);
    if (failure !== undefined) {
      failures.push(failure);
      continue;
    }
    if (!existsSync(built)) {
      failures.push(`${source} finished without producing build/Release/${BINARY}`);
      continue;
    }
    const bytes = readFileSync(built);
    const check = checkAbi(bytes, electron.abi);
    if (check.ok) return { bytes, source };
    failures.push(`${source} produced a binary that is not for Electron: ${check.reason}`);
  }
  return { failures };
}

function install(targetDir, bytes, info) {
  mkdirSync(targetDir, { recursive: true });
  const binaryPath = join(targetDir, BINARY);
  // Written aside then renamed, so an interrupted run never leaves a half-written binary that looks current.
  writeFileSync(`${binaryPath}.partial`, bytes, { mode: 0o755 });
  renameSync(`${binaryPath}.partial`, binaryPath);
  writeFileSync(join(targetDir, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  return binaryPath;
}

function explainFailure(electron, label, failures) {
  console.error(
    [
      '',
      `[native] Could not produce ${MODULE} for Electron ${electron.version} (ABI ${electron.abi}, ${label}).`,
      ...failures.map((failure) => `  - ${failure}`),
      `The prebuilt binary is downloaded from the module's GitHub releases, which needs internet access; compiling`,
      `needs a C/C++ toolchain (Python 3, make and a C++ compiler; Xcode command-line tools on macOS; Visual Studio`,
      `Build Tools on Windows) and Electron's headers from ${ELECTRON_HEADERS_URL} (or offline, a`,
      `node-v${electron.version}-headers.tar.gz passed with --headers=<file>). node_modules' Node build was not`,
      `touched, so tests, the CLI and \`npm run start:web\` still work. Retry with \`npm run native:electron\``,
      `(add -- --from-source to skip the download, -- --force to rebuild).`,
    ].join('\n'),
  );
}

function main() {
  const options = parseNativeArgs(process.argv.slice(2), { platform: process.platform, arch: process.arch });
  const electron = readElectron();
  const module = readModule();
  const label = `${options.platform}-${options.arch}`;
  const targetDir = join(root, '.native', nativeTargetName({ abi: electron.abi, ...options }));
  const binaryPath = join(targetDir, BINARY);
  const infoPath = join(targetDir, 'build-info.json');

  if (!options.force && isCurrent(binaryPath, infoPath, electron.abi, module.version)) {
    console.log(`[native] ${relative(root, binaryPath)} is verified for Electron ABI ${electron.abi}.`);
    return 0;
  }
  if (options.check) {
    console.error(`[native] ${relative(root, binaryPath)} is missing, stale or not for ABI ${electron.abi}: run npm run native:electron`);
    return 1;
  }

  const { workDir, packageDir } = stagePackage(module.dir);
  try {
    const outcome = produce(packageDir, electron, options);
    if (outcome.bytes === undefined) {
      explainFailure(electron, label, outcome.failures);
      return 1;
    }
    install(targetDir, outcome.bytes, {
      module: MODULE,
      moduleVersion: module.version,
      electronVersion: electron.version,
      abi: electron.abi,
      platform: options.platform,
      arch: options.arch,
      source: outcome.source,
    });
    console.log(`[native] Wrote ${relative(root, binaryPath)} (${outcome.source}), verified for Electron ABI ${electron.abi}.`);
    return 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`[native] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
