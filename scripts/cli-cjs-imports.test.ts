import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCommonJsImport, packageName } from './cli-cjs-imports.mjs';

const root = path.join(import.meta.dirname, '..');

describe('which CLI imports become require()', () => {
  it('names the package of a specifier', () => {
    expect(packageName('tldts')).toBe('tldts');
    expect(packageName('@noble/hashes/sha3')).toBe('@noble/hashes');
    expect(packageName('age-encryption')).toBe('age-encryption');
  });

  it('picks CommonJS packages and leaves ES modules and built-ins imported', () => {
    for (const cjs of ['tldts', 'ipaddr.js', 'better-sqlite3-multiple-ciphers', 'iconv-lite', 'commander']) expect(isCommonJsImport(cjs, root), cjs).toBe(true);
    for (const esm of ['zod', 're2js', '@noble/hashes/sha3', 'csv-parse', 'node:fs', 'no-such-package-here']) expect(isCommonJsImport(esm, root), esm).toBe(false);
  });

  it('leaves no ES import of a CommonJS package in the built CLI (the global setup keeps it current)', () => {
    const dir = path.join(root, 'out', 'cli');
    const files = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), ...fs.readdirSync(path.join(dir, 'chunks')).map((f) => path.join(dir, 'chunks', f))];
    const imported = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.startsWith("import { createRequire as __liaisonCreateRequire } from 'node:module';"), file).toBe(true);
      for (const match of text.matchAll(/^import\s[^;]*?from\s*"([^".][^"]*)"/gm)) imported.add(match[1]!);
    }
    expect(imported.has('zod')).toBe(true);
    expect([...imported].filter((specifier) => isCommonJsImport(specifier, root))).toEqual([]);
  });
});
