import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultVaultLocation, getVaultPresence } from './paths';

describe('defaultVaultLocation', () => {
  it('follows XDG on Linux and ignores a relative XDG_DATA_HOME', () => {
    expect(defaultVaultLocation({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana')).toBe('/data/liaison-workbench/vault');
    expect(defaultVaultLocation({ XDG_DATA_HOME: 'rel' }, 'linux', '/home/ana')).toBe('/home/ana/.local/share/liaison-workbench/vault');
    expect(defaultVaultLocation({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/liaison-workbench/vault');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultVaultLocation({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Liaison Workbench/vault');
  });

  it('uses APPDATA on Windows', () => {
    expect(defaultVaultLocation({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Liaison Workbench\\vault',
    );
    expect(defaultVaultLocation({}, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Liaison Workbench\\vault');
  });
});

describe('getVaultPresence', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-paths-'));
    dirs.push(dir);
    return dir;
  };

  it('is absent for a missing path or an empty folder', () => {
    const dir = tempDir();
    expect(getVaultPresence(path.join(dir, 'nope'))).toBe('absent');
    expect(getVaultPresence(dir)).toBe('absent');
  });

  it('is present when keyring.json or vault.db exists, or the path is a file', () => {
    const a = tempDir();
    fs.writeFileSync(path.join(a, 'keyring.json'), '{}');
    expect(getVaultPresence(a)).toBe('present');
    const b = tempDir();
    fs.writeFileSync(path.join(b, 'vault.db'), '');
    expect(getVaultPresence(b)).toBe('present');
    const file = path.join(tempDir(), 'file');
    fs.writeFileSync(file, 'x');
    expect(getVaultPresence(file)).toBe('present');
  });
});
