import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../ingest-record';
import { JsonElementSplitter } from './json-element-splitter';
import type { JsonElement, JsonSplitterOptions } from './json-element-splitter';
import { streamJsonElements } from './stream-json-elements';
import { propertySeed } from '../../../../test/helpers/property-seed';

function split(bytes: Buffer, cuts: number[] = [], options: Partial<JsonSplitterOptions> = {}): JsonElement[] {
  const splitter = new JsonElementSplitter({ fileName: 'f.json', streamKeys: ['objects'], ...options });
  const out: JsonElement[] = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    out.push(...splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...splitter.push(bytes.subarray(from)));
  out.push(...splitter.finish());
  return out;
}

function errorOf(run: () => unknown): IngestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected an IngestError');
}

describe('JsonElementSplitter', () => {
  it('streams the items of a root array and of a bundle objects array, keeping other root fields whole', () => {
    const doc = Buffer.from('\ufeff{"type":"bundle","objects":[{"a":"]}\\""},[1,{"b":[]}], "é😀"],"objects_after":{"objects":[9]}}');
    const elements = split(doc, [5, 6, 30, 31, 40]);
    expect(elements.map((e) => [e.kind, e.key, e.value])).toEqual([
      ['field', 'type', 'bundle'],
      ['item', 'objects', { a: ']}"' }],
      ['item', 'objects', [1, { b: [] }]],
      ['item', 'objects', 'é😀'],
      ['field', 'objects_after', { objects: [9] }],
    ]);
  });

  it('agrees with JSON.parse on random arrays for random chunkings', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 })), fc.array(fc.nat(), { maxLength: 20 }), fc.boolean(), (values, cuts, pretty) => {
        const bytes = Buffer.from(pretty ? JSON.stringify(values, null, 2) : JSON.stringify(values));
        const items = split(bytes, cuts.map((c) => c % (bytes.length + 1)));
        expect(items.map((e) => e.value)).toEqual(JSON.parse(bytes.toString()));
      }),
      { numRuns: 300, ...propertySeed() },
    );
  });

  it('rejects JSON truncated at any point with a byte offset and line', () => {
    const doc = Buffer.from(JSON.stringify({ type: 'bundle', objects: [{ id: 'x--1', v: 'a\\"b' }, [1, 2, { k: null }]] }, null, 1));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: doc.length - 1 }), fc.array(fc.nat(), { maxLength: 5 }), (cut, chunks) => {
        const error = errorOf(() => split(doc.subarray(0, cut), chunks.map((c) => c % (cut + 1))));
        expect(error.file).toBe('f.json');
        expect(error.location).toMatch(/^byte \d+ \(line \d+\)$/);
      }),
      propertySeed(),
    );
    expect(errorOf(() => split(doc.subarray(0, 40))).reason).toBe('unexpected end of JSON');
  });

  it('keeps escape state across empty chunks', () => {
    const splitter = new JsonElementSplitter({ fileName: 'f.json' });
    const out = [...splitter.push(Buffer.from('["a\\')), ...splitter.push(Buffer.alloc(0)), ...splitter.push(Buffer.from('"b"]')), ...splitter.finish()];
    expect(out.map((e) => e.value)).toEqual(['a"b']);
  });

  it('refuses deep nesting without recursion (100k levels of [ and of {"a":)', () => {
    expect(errorOf(() => split(Buffer.from('['.repeat(100_000)))).reason).toBe('JSON nested deeper than 512 levels');
    expect(errorOf(() => split(Buffer.from('{"a":'.repeat(100_000)))).reason).toBe('JSON nested deeper than 512 levels');
  });

  it('caps the size of one element', () => {
    const doc = Buffer.from(`[${JSON.stringify('x'.repeat(5000))}]`);
    const error = errorOf(() => split(doc, [100, 2000], { maxElementBytes: 1000 }));
    expect(error.reason).toBe('element larger than 1000 bytes (limit per element)');
    expect(error.location).toBe('byte 1 (line 1)');
  });

  it('reports invalid UTF-8 with the offset of the bad byte', () => {
    const doc = Buffer.concat([Buffer.from('[\n"ok", "a'), Buffer.from([0xc3, 0x28]), Buffer.from('"]')]);
    const error = errorOf(() => split(doc, [10]));
    expect(error.reason).toBe('invalid UTF-8 byte sequence');
    expect(error.location).toBe('byte 10 (line 2)');
  });

  it.each([
    ['', 'empty file'],
    ['  \n ', 'no JSON value (only whitespace)'],
    ['"just a string"', 'expected a JSON object or array at the top level'],
    ['\u0000\u0001\u00ff garbage', 'expected a JSON object or array at the top level'],
    ['[1,2] [3]', 'unexpected data after the end of the JSON document'],
    ['[{"a":1]]', "mismatched ']'"],
    ['{"a" 1}', "expected ':' after a property name"],
    ['{a:1}', 'expected a property name in double quotes'],
    ['[1 2]', "expected ',' or ']' after an array item"],
  ])('rejects %j: %s', (text, reason) => {
    expect(errorOf(() => split(Buffer.from(text))).reason).toBe(reason);
  });

  it('hands element syntax errors to JSON.parse and locates them', () => {
    const error = errorOf(() => split(Buffer.from('[\n{"a": tru}]')));
    expect(error.reason).toMatch(/^invalid JSON: /);
    expect(error.location).toMatch(/^byte \d+ \(line 2\)$/);
  });

  it('locates a trailing comma deep in an element, where V8 names no position (an upstream MISP export)', () => {
    const text = '{"Event": {\n  "Attribute": [\n    {"value": "a"},\n    {"value": "b"},\n  ]\n}}';
    const error = errorOf(() => split(Buffer.from(text)));
    expect(error.location).toBe(`byte ${text.indexOf(']')} (line 5)`);
  });

  it('streams binary garbage to a clear error, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          split(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(IngestError);
        }
      }),
      propertySeed(),
    );
  });
});

describe('streamJsonElements', () => {
  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const input = (async function* () {
      yield Buffer.from('[1,2,3]');
    })();
    await expect(async () => {
      for await (const batch of streamJsonElements(input, { fileName: 'f.json', signal: controller.signal })) void batch;
    }).rejects.toThrow('stopped');
  });

  it('rejects a 100 MB string with the size error and without holding much more than the cap', async () => {
    const cap = 16 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const input = (async function* () {
      yield Buffer.from('["');
      for (let i = 0; i < 100; i++) yield chunk;
      yield Buffer.from('"]');
    })();
    const before = process.memoryUsage().rss;
    let error: unknown;
    try {
      for await (const batch of streamJsonElements(input, { fileName: 'big.json', maxElementBytes: cap })) void batch;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).reason).toBe(`element larger than ${cap} bytes (limit per element)`);
    expect(process.memoryUsage().rss - before).toBeLessThan(cap * 4);
  });
});
