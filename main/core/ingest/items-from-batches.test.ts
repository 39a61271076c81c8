import { describe, expect, it } from 'vitest';
import { itemsFromBatches } from './items-from-batches';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('itemsFromBatches', () => {
  it('hands out every item of every batch in order, skipping empty batches', async () => {
    async function* batches(): AsyncGenerator<number[]> {
      yield [];
      yield [1, 2, 3];
      yield [];
      yield [4];
      yield [5, 6];
    }
    expect(await collect(itemsFromBatches(batches()))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives the items before a failure, then the failure', async () => {
    async function* batches(): AsyncGenerator<string[]> {
      yield ['a', 'b'];
      throw new Error('truncated');
    }
    const seen: string[] = [];
    await expect(async () => {
      for await (const item of itemsFromBatches(batches())) seen.push(item);
    }).rejects.toThrow('truncated');
    expect(seen).toEqual(['a', 'b']);
  });

  it('closes the source when the consumer stops early, and reads nothing more', async () => {
    let closed = false;
    let pulled = 0;
    async function* batches(): AsyncGenerator<number[]> {
      try {
        for (let i = 0; ; i++) {
          pulled++;
          yield [i * 2, i * 2 + 1];
        }
      } finally {
        closed = true;
      }
    }
    const items = itemsFromBatches(batches());
    const seen: number[] = [];
    for await (const item of items) {
      seen.push(item);
      if (item === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(closed).toBe(true);
    expect(pulled).toBe(2);
  });
});
