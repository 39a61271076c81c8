import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringLengthGuard } from './string-limit';
import { propertySeed } from '../../../test/helpers/property-seed';

/** Every string (keys included) of a JSON value, as the raw bytes between its quotes. */
function rawStringLengths(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'string') out.push(Buffer.byteLength(JSON.stringify(value)) - 2);
  else if (Array.isArray(value)) for (const v of value) rawStringLengths(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      rawStringLengths(k, out);
      rawStringLengths(v, out);
    }
  }
  return out;
}

/** Feeds `text` split at `cuts` (positions), as a stream would deliver it. */
function feedInPieces(guard: StringLengthGuard, bytes: Buffer, cuts: number[]): boolean {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, bytes.length]) {
    if (!guard.feed(bytes.subarray(from, to))) return false;
    from = to;
  }
  return true;
}

// Strings full of the characters that matter: quotes, backslashes, brackets, multi-byte text.
const tricky = fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', 'é', '😀', '\n', 'x'), maxLength: 40 });
const object = fc.dictionary(tricky, fc.oneof(tricky, fc.integer(), fc.array(tricky, { maxLength: 3 }), fc.dictionary(tricky, tricky, { maxKeys: 3 })), { maxKeys: 4 });

describe('StringLengthGuard', () => {
  it('counts the bundle objects and refuses exactly the strings over the limit, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(object, { maxLength: 6 }), fc.nat({ max: 60 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (objects, limit, cuts, pretty) => {
        const bundle = { type: 'bundle', id: 'bundle--x', objects };
        const bytes = Buffer.from(pretty ? JSON.stringify(bundle, null, 2) : JSON.stringify(bundle));
        const guard = new StringLengthGuard(limit);
        const accepted = feedInPieces(guard, bytes, cuts);
        const longest = Math.max(0, ...rawStringLengths(bundle));
        expect(accepted).toBe(longest <= limit);
        if (accepted) expect(guard.objects).toBe(objects.length);
      }),
      { numRuns: 2000, ...propertySeed() },
    );
  });

  it('refuses a long string that arrives one byte at a time', () => {
    const guard = new StringLengthGuard(10);
    const bytes = Buffer.from(`{"a":"${'\\"'.repeat(6)}"}`);
    expect(feedInPieces(guard, bytes, Array.from({ length: bytes.length }, (_, i) => i))).toBe(false);
  });
});
