/**
 * Row position -> cursor, so a virtualised list can jump to row 700,000. One pass over the filtered,
 * sorted index records the sort key of every `stride`-th row (and counts the rows exactly); a jump then
 * starts from the nearest anchor and steps over fewer than `stride` rows. The index is a snapshot:
 * after writes, positions may be off by the rows that changed until it is rebuilt.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { encodeCursor } from './queue-cursor';
import { buildFilterSql } from './queue-filter-sql';
import type { QueueFilter, QueueSort } from './queue-query';
import { keysetSteps, orderBy, sortSpec, type SortValue } from './queue-sort';

export interface PositionIndex {
  filter: QueueFilter;
  sort: QueueSort;
  stride: number;
  /** Exact number of matching rows when the index was built. */
  total: number;
  /** anchors[j] = sort values of row j * stride. */
  anchors: SortValue[][];
}

/** Builds the anchors in one ordered pass (a covering index scan for the indexed sorts). */
export function buildPositionIndex(db: Database, view: { filter: QueueFilter; sort: QueueSort }, stride = 1000): PositionIndex {
  if (!Number.isInteger(stride) || stride < 1) throw new WorkbenchError('INVALID_INPUT', 'Stride must be a positive whole number.');
  const spec = sortSpec(view.sort);
  const { where, params } = buildFilterSql(view.filter);
  const sql = `SELECT ${spec.exprs.join(', ')} FROM indicators i${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${orderBy(spec, view.sort.direction)}`;
  const anchors: SortValue[][] = [];
  let total = 0;
  for (const row of db.prepare(sql).raw().iterate(params) as IterableIterator<SortValue[]>) {
    if (total % stride === 0) anchors.push(row);
    total += 1;
  }
  return { filter: view.filter, sort: view.sort, stride, total, anchors };
}

/**
 * A cursor from which a `next` page starts at row `position` (0-based); undefined for position 0 (read
 * the first page). Steps over at most stride - 1 rows after the nearest anchor (a bounded OFFSET).
 */
export function cursorAtPosition(db: Database, index: PositionIndex, position: number): string | undefined {
  if (!Number.isInteger(position) || position < 0 || position >= Math.max(index.total, 1)) {
    throw new WorkbenchError('INVALID_INPUT', `Position must be from 0 to ${Math.max(index.total - 1, 0)}.`);
  }
  if (position === 0) return undefined;
  const target = position - 1;
  const j = Math.floor(target / index.stride);
  const anchor = index.anchors[j]!;
  const skip = target - j * index.stride;
  if (skip === 0) return encodeCursor(index.sort.key, anchor);
  const spec = sortSpec(index.sort);
  const filter = buildFilterSql(index.filter);
  let remaining = skip - 1;
  for (const step of keysetSteps(spec, anchor, index.sort.direction)) {
    const where = [...filter.where, step.where].join(' AND ');
    const from = `FROM indicators i WHERE ${where}`;
    const params = { ...filter.params, ...step.params };
    const found = db
      .prepare(`SELECT ${spec.exprs.join(', ')} ${from} ORDER BY ${step.order} LIMIT 1 OFFSET @skip`)
      .raw()
      .get({ ...params, skip: remaining }) as SortValue[] | undefined;
    if (found) return encodeCursor(index.sort.key, found);
    remaining -= db.prepare(`SELECT count(*) FROM (SELECT 1 ${from} LIMIT @cap)`).pluck().get({ ...params, cap: remaining }) as number;
  }
  throw new WorkbenchError('NOT_FOUND', 'The queue changed since its position index was built; rebuild it.');
}
