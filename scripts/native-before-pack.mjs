// electron-builder `beforePack` hook (electron-builder.yml): refuses to package unless the Electron-ABI
// better-sqlite3 binary for the target platform/arch is in .native/, built for this Electron's ABI, and is
// the file the config ships. Without it a missing extraResources source is only a warning, and the app
// would install fine and then fail to open any vault.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { checkAbi, nativeTargetName } from './native-abi.mjs';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch];
  const electronDir = dirname(require.resolve('electron/package.json'));
  const abi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
  const name = nativeTargetName({ abi, platform, arch });
  const binary = join(root, '.native', name, 'better_sqlite3.node');
  const retry = `run: node scripts/electron-native.mjs --platform=${platform} --arch=${arch}`;

  if (arch === undefined || arch === 'universal') {
    throw new Error(`Packaging for arch ${arch ?? context.arch} is not supported: build x64 and arm64 separately.`);
  }
  const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  if (!config.includes(`.native/electron-v${abi}-${platform}-\${arch}/better_sqlite3.node`)) {
    throw new Error(`electron-builder.yml does not ship .native/electron-v${abi}-${platform}-\${arch}: update its ABI to ${abi}.`);
  }
  if (!existsSync(binary)) throw new Error(`${binary} is missing; ${retry}`);
  const check = checkAbi(readFileSync(binary), abi);
  if (!check.ok) throw new Error(`${binary} is not for Electron ABI ${abi} (${check.reason}); ${retry} --force`);
  console.log(`  • native binary verified  file=.native/${name}/better_sqlite3.node abi=${abi}`);
}

export default beforePack;
