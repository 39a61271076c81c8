import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { minisignPublicKey, minisignPublicKeyFile, minisignSign, minisignVerify, parseMinisignPublicKey } from './minisign';
import { generateSigningKey } from './signing-key';

const dirs = tempDirs('liaison-minisign-');
afterAll(() => dirs.cleanup());

describe('minisign format', () => {
  const key = generateSigningKey();
  const message = Buffer.from('{"format":"liaison-bundle"}\n');

  it('verifies its own signature and refuses a changed message, comment or key', () => {
    const sig = minisignSign(key.seed, key.publicKey, message, 'bundle 1 of test');
    expect(minisignVerify(key.publicKey, message, sig)).toEqual({ ok: true, trustedComment: 'bundle 1 of test' });
    expect(minisignVerify(key.publicKey, Buffer.from('{"format":"liaison-bundlf"}\n'), sig)).toMatchObject({ ok: false, reason: /bad signature/ });
    expect(minisignVerify(key.publicKey, message, sig.replace('bundle 1', 'bundle 2'))).toMatchObject({ ok: false, reason: /trusted comment/ });
    expect(minisignVerify(generateSigningKey().publicKey, message, sig)).toMatchObject({ ok: false, reason: /different key/ });
    expect(minisignVerify(key.publicKey, message, 'nonsense')).toMatchObject({ ok: false, reason: /not in minisign format/ });
  });

  it('round-trips the one-line public key and refuses one whose key id does not match', () => {
    const line = minisignPublicKey(key.publicKey);
    expect(parseMinisignPublicKey(line)).toEqual(key.publicKey);
    const bytes = Buffer.from(line, 'base64');
    bytes[3] = bytes[3]! ^ 1;
    expect(parseMinisignPublicKey(bytes.toString('base64'))).toBeUndefined();
  });

  it('the stock minisign verifies our signature with -P and with -p, and rejects a changed file', () => {
    const dir = dirs.make();
    const file = path.join(dir, 'manifest.json');
    fs.writeFileSync(file, message);
    fs.writeFileSync(`${file}.minisig`, minisignSign(key.seed, key.publicKey, message, 'stock tool check'));
    fs.writeFileSync(path.join(dir, 'key.pub'), minisignPublicKeyFile(key.publicKey));
    const out = execFileSync('minisign', ['-Vm', file, '-P', minisignPublicKey(key.publicKey)], { encoding: 'utf8' });
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain('Trusted comment: stock tool check');
    execFileSync('minisign', ['-Vm', file, '-p', path.join(dir, 'key.pub')]);
    fs.writeFileSync(file, Buffer.from('{"format":"liaison-bundlE"}\n'));
    expect(() => execFileSync('minisign', ['-Vm', file, '-P', minisignPublicKey(key.publicKey)], { stdio: 'pipe' })).toThrow();
  });
});
