/**
 * Opaque page cursors: base64url JSON of the sort key and the row's sort values. A cursor is only valid
 * for the sort it was made for; the renderer stores it as a string and never looks inside.
 */
import { WorkbenchError } from '../errors';
import type { QueueSortKey } from './queue-query';
import { sortSpec, type SortValue } from './queue-sort';

export function encodeCursor(key: QueueSortKey, values: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify({ s: key, k: values }), 'utf8').toString('base64url');
}

/** The sort values inside `cursor`; INVALID_INPUT when it is malformed or made for another sort. */
export function decodeCursor(cursor: string, key: QueueSortKey): SortValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
  if (s !== key) throw new WorkbenchError('INVALID_INPUT', 'This cursor belongs to another sort order.');
  const kinds = sortSpec({ key, direction: 'asc' }).kinds;
  if (!Array.isArray(k) || k.length !== kinds.length || k.some((v, i) => typeof v !== kinds[i] || (typeof v === 'number' && !Number.isFinite(v)))) {
    throw badCursor();
  }
  return k as SortValue[];
}

function badCursor(): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', 'The page cursor is not valid.');
}
