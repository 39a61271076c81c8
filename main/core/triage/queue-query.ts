/**
 * The queue's query model: plain data a renderer can build and send over IPC, and the page it gets back.
 * Conditions are AND-ed; a condition with an array value means "any of" (=) or "none of" (!=).
 */
import type { QueuePage, QueueRow } from './triage-views';

export const CONDITION_FIELDS = [
  'type',
  'status',
  'tlp',
  'source',
  'tag',
  'confidence',
  'severity',
  'first_seen',
  'last_seen',
  'valid_until',
  'warninglist',
  'assignee',
  'in_briefing',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface QueueCondition {
  field: ConditionField;
  op: ConditionOp;
  /** A string (type, status, TLP level, severity word, ISO date, name) or a number; arrays only with = / !=. */
  value: string | number | readonly (string | number)[];
}

export interface QueueFilter {
  conditions?: readonly QueueCondition[];
  /**
   * Search over values, notes, tags and context (FTS5) and source names; terms are AND-ed, each finds the
   * words it begins (and any part of a source name), a `"quoted"` term only that whole word (fts-match.ts).
   */
  text?: string;
}

export const QUEUE_SORT_KEYS = ['last_seen', 'first_seen', 'confidence', 'severity', 'type_value', 'id'] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];

export interface QueueSort {
  key: QueueSortKey;
  direction: 'asc' | 'desc';
}

export interface QueueQuery {
  filter: QueueFilter;
  sort: QueueSort;
  /** 1..1000. */
  limit: number;
  /** From a previous page's nextCursor / prevCursor (or cursorAtPosition); absent = the first page. */
  cursor?: string;
  /** `next` (default) reads rows after the cursor, `prev` the rows before it. */
  direction?: 'next' | 'prev';
}

export type { QueuePage, QueueRow };

/** A count that stopped at a cap: `exact` false means "at least `count`". */
export interface QueueTotal {
  count: number;
  exact: boolean;
}

export const MAX_QUEUE_PAGE = 1000;
