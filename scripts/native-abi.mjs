// Pure helpers for the Electron-ABI build of better-sqlite3-multiple-ciphers: no I/O, no child processes,
// so they are unit-tested under plain Node (scripts/native-abi.test.ts). Types: native-abi.d.mts.

/**
 * A context-aware Node addon (NODE_MODULE_INIT) exports `node_register_module_v<ABI>`; the name is in the
 * dynamic symbol table on ELF, the export table on PE and the symbol table on Mach-O (with a leading `_`),
 * so reading it from the file bytes works for a binary built for any platform, on any host.
 */
export const ABI_SYMBOL_PREFIX = 'node_register_module_v';

const ABI_SYMBOL = new RegExp(`${ABI_SYMBOL_PREFIX}(\\d+)`, 'g');

export const PLATFORMS = ['linux', 'darwin', 'win32'];
export const ARCHS = ['x64', 'arm64', 'ia32', 'armv7l'];

/** Every ABI named by a `node_register_module_v<N>` symbol in the bytes, ascending, without duplicates. */
export function readAbis(bytes) {
  // latin1 maps each byte to one code unit, so the ASCII symbol survives whatever surrounds it.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found = new Set();
  for (const match of text.matchAll(ABI_SYMBOL)) found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}

/** Whether the addon bytes were built for exactly the expected ABI; `found` says what they were built for. */
export function checkAbi(bytes, expected) {
  const found = readAbis(bytes);
  if (found.length === 1 && found[0] === expected) return { ok: true, found };
  const reason =
    found.length === 0
      ? `no ${ABI_SYMBOL_PREFIX}<N> symbol found (not a context-aware Node addon)`
      : `built for ABI ${found.join(', ')}, expected ${expected}`;
  return { ok: false, found, reason };
}

/** The folder name under `.native/` for one Electron ABI and target, e.g. `electron-v143-linux-x64`. */
export function nativeTargetName({ abi, platform, arch }) {
  return `electron-v${abi}-${platform}-${arch}`;
}

/** Parses `--platform=`, `--arch=`, `--headers=`, `--force`, `--check`, `--from-source` (also `--flag value`). */
export function parseNativeArgs(argv, defaults) {
  const options = {
    platform: defaults.platform,
    arch: defaults.arch,
    headers: undefined,
    force: false,
    check: false,
    fromSource: false,
  };
  const valued = new Set(['platform', 'arch', 'headers']);
  const flags = { force: 'force', check: 'check', 'from-source': 'fromSource' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unexpected argument: ${arg}`);
    const [, name, inline] = match;
    if (valued.has(name)) {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value === '') throw new Error(`--${name} needs a value`);
      options[name] = value;
    } else if (name in flags && inline === undefined) {
      options[flags[name]] = true;
    } else {
      throw new Error(`Unknown option: ${arg}`);
    }
  }
  if (!PLATFORMS.includes(options.platform)) {
    throw new Error(`--platform must be one of ${PLATFORMS.join(', ')} (got ${options.platform})`);
  }
  if (!ARCHS.includes(options.arch)) throw new Error(`--arch must be one of ${ARCHS.join(', ')} (got ${options.arch})`);
  return options;
}

/**
 * node-gyp reads its settings from `npm_config_*` variables, and `npm run` exports the user's npmrc that way.
 * A `nodedir` there (this machine sets nodedir=/usr) makes node-gyp compile against Node's headers whatever
 * `--target` says, so those keys go; so do ones that would contradict the explicit target flags.
 */
const NODE_GYP_OVERRIDES = new Set(['nodedir', 'tarball', 'target', 'runtime', 'arch', 'disturl', 'dist_url', 'devdir']);

/** A copy of the environment without settings that would make node-gyp ignore the Electron target. */
export function electronBuildEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const lower = key.toLowerCase();
    const npmSetting = lower.startsWith('npm_config_') ? lower.slice('npm_config_'.length) : undefined;
    if (lower === 'nodedir' || (npmSetting !== undefined && NODE_GYP_OVERRIDES.has(npmSetting))) continue;
    clean[key] = value;
  }
  return clean;
}
