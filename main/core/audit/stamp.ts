import type { Clock } from '../clock';

/** Who acts, and when: `at` is read from the clock at first use. */
export interface StampedAuthor {
  readonly actor: string;
  readonly at: Date;
}

/**
 * An author whose time is taken when a write first reads it. Write paths read it after BEGIN IMMEDIATE, so
 * the time is stamped under the write lock: a write that waited for another window's lock is not dated
 * before the write that held it, and audit times follow audit ids (issue #15 item 11). The first reading
 * is kept, so the row and its audit entry carry the same time.
 */
export function authorStampedOnUse(actor: string, now: Clock): StampedAuthor {
  let at: Date | undefined;
  return {
    actor,
    get at() {
      at ??= now();
      return at;
    },
  };
}
