import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, sniffFormat, Utf8Check } from './decode';
import { IngestError, type IngestNote } from './ingest-record';
import { propertySeed } from '../../../test/helpers/property-seed';

async function* asAsync(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

async function decodeAll(bytes: Uint8Array, chunk = 7): Promise<{ text: string; notes: IngestNote[] }> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const notes: IngestNote[] = [];
  let text = '';
  for await (const c of decodeText(asAsync(parts), 'f.txt', notes)) text += c.text;
  return { text, notes };
}

describe('decodeText', () => {
  it('strips a UTF-8 BOM and keeps multi-byte characters split across chunks', async () => {
    const { text, notes } = await decodeAll(Buffer.from('\ufeffbücher.de — 例え.jp', 'utf8'), 1);
    expect(text).toBe('bücher.de — 例え.jp');
    expect(notes).toEqual([]);
  });

  it('decodes UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('evil.com\r\n', 'utf16le')]);
    expect((await decodeAll(le, 3)).text).toBe('evil.com\r\n');
    const be = Buffer.from(le.subarray(2)).swap16();
    expect((await decodeAll(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 5)).text).toBe('evil.com\r\n');
  });

  it('falls back to windows-1252 for invalid UTF-8 and says so', async () => {
    const { text, notes } = await decodeAll(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]));
    expect(text).toBe('café €');
    expect(notes[0]?.message).toMatch(/windows-1252/);
  });

  it('refuses binary files', async () => {
    await expect(decodeAll(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).rejects.toThrow(IngestError);
    await expect(decodeAll(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).rejects.toThrow('binary file, not text');
  });

  it('notes invalid UTF-8 appearing after the sniffed head', async () => {
    const bytes = Buffer.concat([Buffer.alloc(70_000, 0x61), Buffer.from([0xff, 0x62])]);
    const { text, notes } = await decodeAll(bytes, 4096);
    expect(text.endsWith('\ufffdb')).toBe(true);
    expect(notes.some((n) => /invalid UTF-8/.test(n.message))).toBe(true);
  });

  it('decodes any UTF-8 text identically whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 16 }), async (s, chunk) => {
        const clean = s.replaceAll('\0', '');
        expect((await decodeAll(Buffer.from(clean, 'utf8'), chunk)).text).toBe(clean.replace(/^\ufeff/, ''));
      }),
      { numRuns: 200, ...propertySeed() },
    );
  });
});

describe('sniffFormat', () => {
  const b = (s: string) => Buffer.from(s, 'utf8');
  it.each([
    ['{"type": "bundle", "id": "bundle--1", "objects": []}', 'x.json', 'stix'],
    ['  {"spec_version":"2.1","objects":[', 'x', 'stix'],
    ['{"more": false, "objects": [{"type": "indicator"', 'taxii-page.json', 'stix'],
    ['{"id": "Talos:STIXPackage-313f06fc", "version": "1.1.1", "stix_header": {}}', 'stix1.json', 'stix'],
    ['{"Event": {"info": "x"}}', 'e.json', 'misp'],
    ['{"response": [{"Event": {}}]}', 'e.json', 'misp'],
    ['value,type\nevil.com,domain\n1.2.3.4,ip-dst\n', 'feed', 'csv'],
    ['a\tb\tc\n1\t2\t3\n', 'noext', 'csv'],
    ['evil.com\n', 'list.csv', 'csv'],
    ['# Report\nThe actor, who used evil[.]com, was busy.\n', 'r.md', 'text'],
    ['<!doctype html><p>x</p>', 'r', 'text'],
    ['Plain prose with evil[.]com in it.\nAnd a second line, longer.\n', 'notes', 'text'],
  ])('%s', (content, name, expected) => {
    expect(sniffFormat(b(content), name)).toBe(expected);
  });

  it('detects delimiters with quoted fields', () => {
    expect(detectDelimiter(['a;b;c', '"x;y";2;3', '4;5;6'])).toBe(';');
    expect(detectDelimiter(['just prose, with a comma', 'and another line'])).toBeNull();
  });
});

describe('Utf8Check', () => {
  /** The first chunk a fatal streaming decoder refuses, or -1. */
  function firstRefused(parts: Uint8Array[], valid: (part: Uint8Array) => boolean): number {
    return parts.findIndex((part) => !valid(part));
  }

  it('refuses the same chunk as a fatal streaming decoder, whatever the bytes and the chunking', () => {
    // Bytes around the edges of UTF-8: leads with narrow second bytes, continuations, never-valid bytes.
    const byte = fc.constantFrom(0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }), (bytes, sizes) => {
        const data = Uint8Array.from(bytes);
        const parts: Uint8Array[] = [];
        for (let at = 0, k = 0; at < data.length; k++) {
          const n = sizes[k % sizes.length]!;
          parts.push(data.subarray(at, at + n));
          at += n;
        }
        const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        const expected = firstRefused(parts, (part) => {
          try {
            fatal.decode(part, { stream: true });
            return true;
          } catch {
            return false;
          }
        });
        const check = new Utf8Check();
        expect(firstRefused(parts, (part) => check.valid(part))).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('waits for the rest of a character cut between chunks', () => {
    const euro = Buffer.from('€', 'utf8');
    const check = new Utf8Check();
    expect(check.valid(euro.subarray(0, 1))).toBe(true);
    expect(check.valid(euro.subarray(1, 2))).toBe(true);
    expect(check.valid(euro.subarray(2))).toBe(true);
    expect(check.valid(Buffer.from([0xe2, 0x41]))).toBe(false);
  });
});
