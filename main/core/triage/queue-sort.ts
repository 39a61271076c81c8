/**
 * Sort orders and their keyset conditions. Every order ends in a unique column (id, or value within
 * type), so "the rows after this one" is well defined even when thousands of rows share a last_seen.
 */
import { WorkbenchError } from '../errors';
import type { QueueRow, QueueSort, QueueSortKey } from './queue-query';
import { QUEUE_SORT_KEYS } from './queue-query';

export type SortValue = string | number;

interface SortSpec {
  /** SQL over `indicators i`, identical to the indexed expressions in migration 0050. */
  exprs: readonly string[];
  keyOf(row: Pick<QueueRow, 'id' | 'type' | 'value' | 'lastSeen' | 'firstSeen' | 'confidence' | 'severity'>): SortValue[];
  kinds: readonly ('string' | 'number')[];
}

const SORTS: Record<QueueSortKey, SortSpec> = {
  last_seen: { exprs: ["ifnull(i.last_seen, '')", 'i.id'], keyOf: (r) => [r.lastSeen ?? '', r.id], kinds: ['string', 'number'] },
  first_seen: { exprs: ["ifnull(i.first_seen, '')", 'i.id'], keyOf: (r) => [r.firstSeen ?? '', r.id], kinds: ['string', 'number'] },
  confidence: { exprs: ['ifnull(i.confidence, -1)', 'i.id'], keyOf: (r) => [r.confidence ?? -1, r.id], kinds: ['number', 'number'] },
  severity: { exprs: ['ifnull(i.severity, -1)', 'i.id'], keyOf: (r) => [r.severity ?? -1, r.id], kinds: ['number', 'number'] },
  type_value: { exprs: ['i.type', 'i.value'], keyOf: (r) => [r.type, r.value], kinds: ['string', 'string'] },
  id: { exprs: ['i.id'], keyOf: (r) => [r.id], kinds: ['number'] },
};

/** The spec of a sort key; INVALID_INPUT for anything else. */
export function sortSpec(sort: QueueSort): SortSpec {
  if (!(QUEUE_SORT_KEYS as readonly string[]).includes(sort.key)) throw new WorkbenchError('INVALID_INPUT', `Unknown sort "${String(sort.key)}".`);
  if (sort.direction !== 'asc' && sort.direction !== 'desc') throw new WorkbenchError('INVALID_INPUT', 'Sort direction is asc or desc.');
  return SORTS[sort.key];
}

/** `ORDER BY` for reading in `direction` (asc/desc as sorted, or reversed for a backward read). */
export function orderBy(spec: SortSpec, direction: 'asc' | 'desc'): string {
  return spec.exprs.map((e) => `${e} ${direction.toUpperCase()}`).join(', ');
}

/**
 * The rows strictly after `key` in `direction`, as consecutive steps: for (k, id) first the ties
 * `k = @k0 AND id > @k1`, then `k > @k0`. Each step is a plain index range (a single row-value
 * comparison over an expression index is not), so a cursor in a run of 100k equal keys still seeks.
 */
export function keysetSteps(spec: SortSpec, key: readonly SortValue[] | undefined, direction: 'asc' | 'desc'): KeysetStep[] {
  const order = orderBy(spec, direction);
  if (!key) return [{ where: '', params: {}, order }];
  const cmp = direction === 'asc' ? '>' : '<';
  const [first, second] = spec.exprs;
  if (second === undefined) return [{ where: `${first} ${cmp} @k0`, params: { k0: key[0]! }, order }];
  return [
    // Within the ties the first key is constant: ordering by it too would make SQLite sort instead of
    // reading the index in order.
    { where: `${first} = @k0 AND ${second} ${cmp} @k1`, params: { k0: key[0]!, k1: key[1]! }, order: `${second} ${direction.toUpperCase()}` },
    { where: `${first} ${cmp} @k0`, params: { k0: key[0]! }, order },
  ];
}

export interface KeysetStep {
  where: string;
  params: Record<string, SortValue>;
  /** ORDER BY terms for this step. */
  order: string;
}
