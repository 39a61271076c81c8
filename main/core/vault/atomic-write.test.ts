import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { writeFileAtomicSync } from './atomic-write';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('writeFileAtomicSync', () => {
  it('replaces the file, leaves no temp file behind and sets mode 0600', () => {
    const dir = dirs.make();
    const file = path.join(dir, 'keyring.json');
    fs.writeFileSync(file, 'old');
    writeFileAtomicSync(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['keyring.json']);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content when the rename cannot happen', () => {
    const dir = dirs.make();
    const target = path.join(dir, 'target');
    fs.mkdirSync(target); // renaming a file over a folder fails
    expect(() => writeFileAtomicSync(target, 'new')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['target']);
  });
});
