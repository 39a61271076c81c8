import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { QueueFilter, QueueSort } from './queue-query';
import { buildPositionIndex, type PositionIndex } from './queue-position';

/**
 * Keeps the position index of the view the analyst is scrolling, so jumping around a million rows costs
 * one index build per view and per change to the data, not one per jump.
 */
export class PositionCache {
  private cached: { key: string; version: number; index: PositionIndex } | null = null;

  /** The index for `view` as of data `version` (bump the version after every write). */
  get(db: Database, view: { filter: QueueFilter; sort: QueueSort }, version: number): PositionIndex {
    const key = JSON.stringify([view.filter, view.sort]);
    if (this.cached?.key === key && this.cached.version === version) return this.cached.index;
    const index = buildPositionIndex(db, view);
    this.cached = { key, version, index };
    return index;
  }

  clear(): void {
    this.cached = null;
  }
}
