import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../main/app/native-path';
import { checkAbi, electronBuildEnv, nativeTargetName, parseNativeArgs, readAbis } from './native-abi.mjs';

const require = createRequire(import.meta.url);
const moduleDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));

function planted(...symbols: string[]): Uint8Array {
  // Arbitrary binary noise around the symbols, as in a real symbol table.
  const parts = symbols.flatMap((symbol) => [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff]), Buffer.from(`${symbol}\0`, 'latin1')]);
  const bytes = Buffer.concat([Buffer.alloc(64, 0xcc), ...parts, Buffer.alloc(64, 0x00)]);
  // A view into a larger buffer, so an implementation that ignores byteOffset fails.
  const host = Buffer.concat([Buffer.from('node_register_module_v999'), bytes]);
  return new Uint8Array(host.buffer, host.byteOffset + 25, bytes.length);
}

describe('readAbis', () => {
  it('reads the ABI of the Node build in node_modules as this Node’s ABI', () => {
    const bytes = readFileSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'));
    expect(readAbis(bytes)).toEqual([Number(process.versions.modules)]);
    expect(checkAbi(bytes, Number(process.versions.modules))).toEqual({ ok: true, found: [Number(process.versions.modules)] });
  });

  it('reads a planted symbol, including the Mach-O underscore form, and ignores bytes outside the view', () => {
    expect(readAbis(planted('node_register_module_v143'))).toEqual([143]);
    expect(readAbis(planted('_node_register_module_v143'))).toEqual([143]);
    expect(readAbis(planted('node_register_module_v143', 'node_register_module_v143'))).toEqual([143]);
  });

  it('reports every ABI when a binary names several, and none for an N-API-only addon', () => {
    expect(readAbis(planted('node_register_module_v143', 'node_register_module_v115'))).toEqual([115, 143]);
    expect(readAbis(planted('napi_register_module_v1'))).toEqual([]);
  });
});

describe('checkAbi', () => {
  it('rejects a Node build where an Electron build is expected, saying what it found', () => {
    expect(checkAbi(planted('node_register_module_v115'), 143)).toEqual({ ok: false, found: [115], reason: 'built for ABI 115, expected 143' });
  });

  it('rejects ambiguous and symbol-less binaries', () => {
    expect(checkAbi(planted('node_register_module_v143', 'node_register_module_v115'), 143).ok).toBe(false);
    const none = checkAbi(planted('napi_register_module_v1'), 143);
    expect(none.ok).toBe(false);
    expect(none.ok ? '' : none.reason).toMatch(/no node_register_module_v<N> symbol/);
  });
});

describe('nativeTargetName', () => {
  it('names the folder by ABI, platform and arch, as the Electron main looks for it', () => {
    expect(nativeTargetName({ abi: 143, platform: 'linux', arch: 'x64' })).toBe('electron-v143-linux-x64');
    const fromMain = nativeBindingPath({ packaged: false, appPath: '/p', resourcesPath: '/r', abi: '143', platform: 'darwin', arch: 'arm64' });
    expect(fromMain).toBe(join('/p', '.native', nativeTargetName({ abi: 143, platform: 'darwin', arch: 'arm64' }), 'better_sqlite3.node'));
  });
});

describe('parseNativeArgs', () => {
  const host = { platform: 'linux', arch: 'x64' };

  it('defaults to the host and accepts both --flag=value and --flag value', () => {
    expect(parseNativeArgs([], host)).toEqual({ platform: 'linux', arch: 'x64', headers: undefined, force: false, check: false, fromSource: false });
    expect(parseNativeArgs(['--platform=win32', '--arch', 'arm64', '--force', '--from-source', '--headers=/h.tar.gz'], host)).toEqual({
      platform: 'win32',
      arch: 'arm64',
      headers: '/h.tar.gz',
      force: true,
      check: false,
      fromSource: true,
    });
  });

  it('rejects unknown options, missing values and unsupported targets', () => {
    expect(() => parseNativeArgs(['--nodedir=/usr'], host)).toThrow(/Unknown option/);
    expect(() => parseNativeArgs(['--arch'], host)).toThrow(/needs a value/);
    expect(() => parseNativeArgs(['--platform=freebsd'], host)).toThrow(/--platform must be one of/);
    expect(() => parseNativeArgs(['--force=yes'], host)).toThrow(/Unknown option/);
    expect(() => parseNativeArgs(['stray'], host)).toThrow(/Unexpected argument/);
  });
});

describe('electronBuildEnv', () => {
  it('drops every spelling of nodedir and the target overrides, and keeps the rest', () => {
    const env = electronBuildEnv({
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      nodedir: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_proxy: 'http://proxy:3128',
      PATH: '/bin',
      target: 'kept',
    });
    expect(env).toEqual({ npm_config_proxy: 'http://proxy:3128', PATH: '/bin', target: 'kept' });
  });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    // app-builder-lib's validator, as `electron-builder` runs it before packaging (works offline).
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8'));
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('ships the binary built for the installed Electron’s ABI', () => {
    const abi = readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim();
    const config = readFileSync(join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8');
    const sources = [...config.matchAll(/\.native\/electron-v(\d+)-/g)].map((match) => match[1]);
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set([abi]));
  });
});
