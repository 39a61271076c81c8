import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/helpers/temp-dirs';
import { readPassphraseFile } from './passphrase';

const dirs = tempDirs('liaison-passphrase-');
afterEach(() => dirs.cleanup());

function file(bytes: Buffer): string {
  const name = path.join(dirs.make(), 'pass.txt');
  fs.writeFileSync(name, bytes);
  return name;
}

describe('readPassphraseFile', () => {
  const secret = 'correct horse bättery';

  it('reads the first line of a UTF-8 file, with or without CRLF', () => {
    expect(readPassphraseFile(file(Buffer.from(`${secret}\nsecond line\n`)))).toBe(secret);
    expect(readPassphraseFile(file(Buffer.from(`${secret}\r\n`)))).toBe(secret);
  });

  it('reads files Windows tools write with a byte-order mark (UTF-8, UTF-16LE, UTF-16BE)', () => {
    expect(readPassphraseFile(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${secret}\r\n`)])))).toBe(secret);
    expect(readPassphraseFile(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${secret}\r\n`, 'utf16le')])))).toBe(secret);
    const be = Buffer.from(`${secret}\n`, 'utf16le').swap16();
    expect(readPassphraseFile(file(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toBe(secret);
  });

  it('refuses an empty first line', () => {
    expect(() => readPassphraseFile(file(Buffer.from([0xff, 0xfe, 0x0a, 0x00])))).toThrow('The passphrase file is empty.');
  });
});
