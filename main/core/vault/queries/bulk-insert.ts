import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { prepareCached } from './statement-cache';

/** Rows per multi-row statement: past ~100 the gain flattens, and 16 × 128 stays far below SQLite's bound-variable limit. */
export const ROWS_PER_STATEMENT = 128;

/**
 * A multi-row INSERT fed one row at a time: values collect in a flat array and go to SQLite
 * `rowsPerStatement` rows per call, which cuts the per-call cost of the driver (binding, stepping,
 * resetting) that dominates single-row inserts. The rows of a last, partial group go one by one.
 */
export class BulkInsert {
  /** The collected values, row after row; callers push a row's values, then call `rowAdded`. */
  readonly values: unknown[] = [];
  private rows = 0;
  private readonly many: Statement;
  private readonly one: Statement;

  constructor(
    db: Database,
    head: string,
    private readonly columns: number,
    tail = '',
    private readonly rowsPerStatement = ROWS_PER_STATEMENT,
  ) {
    const tuple = `(${new Array<string>(columns).fill('?').join(', ')})`;
    this.many = prepareCached(db, `${head} VALUES ${new Array<string>(rowsPerStatement).fill(tuple).join(', ')} ${tail}`);
    this.one = prepareCached(db, `${head} VALUES ${tuple} ${tail}`);
  }

  rowAdded(): void {
    if (++this.rows === this.rowsPerStatement) {
      this.many.run(this.values);
      this.values.length = 0;
      this.rows = 0;
    }
  }

  /** Writes the rows still collected. */
  flush(): void {
    const { values, columns } = this;
    for (let at = 0; at < values.length; at += columns) this.one.run(values.slice(at, at + columns));
    values.length = 0;
    this.rows = 0;
  }
}
