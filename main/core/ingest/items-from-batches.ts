/**
 * An async stream of items handed out from batches. An async generator that yields its items one by one
 * costs several microtask turns per item (the yield awaits the value, then settles the caller's request),
 * and a report has hundreds of thousands of items: that was 5% of reading one. This iterator answers
 * from the current batch with one settled promise per item and awaits the source once per batch.
 */
export function itemsFromBatches<T>(batches: AsyncIterable<readonly T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const source = batches[Symbol.asyncIterator]();
      let batch: readonly T[] = [];
      let at = 0;
      let finished = false;
      async function pull(): Promise<IteratorResult<T>> {
        for (;;) {
          const next = await source.next();
          if (next.done === true) {
            finished = true;
            return { done: true, value: undefined };
          }
          if (next.value.length > 0) {
            batch = next.value;
            at = 1;
            return { done: false, value: batch[0] as T };
          }
        }
      }
      return {
        next(): Promise<IteratorResult<T>> {
          if (at < batch.length) return Promise.resolve({ done: false, value: batch[at++] as T });
          batch = [];
          at = 0;
          return finished ? Promise.resolve({ done: true, value: undefined }) : pull();
        },
        // A consumer that stops early (break, a throw in its loop body) closes the source, as it would a generator.
        async return(): Promise<IteratorResult<T>> {
          finished = true;
          batch = [];
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
