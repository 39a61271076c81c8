/**
 * Rows of a huge list held by page (a fixed number of consecutive positions). Only pages near the
 * viewport are kept: `evictFar` drops the farthest ones once more than `maxPages` are held, so memory
 * stays flat however far the list is scrolled (a million rows are never held).
 */
export class PageCache<Row> {
  private readonly pages = new Map<number, readonly Row[]>();
  private readonly loading = new Set<number>();

  constructor(
    readonly pageSize: number,
    readonly maxPages: number,
  ) {}

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  rowAt(index: number): Row | undefined {
    return this.pages.get(this.pageOf(index))?.[index % this.pageSize];
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  get size(): number {
    return this.pages.size;
  }

  /**
   * Pages to fetch for rows first..last of a list of `total` rows, nearest first: the visible pages,
   * then `prefetch` pages after and before. Pages held or being fetched are left out.
   */
  missing(first: number, last: number, total: number, prefetch: number): number[] {
    if (total <= 0 || last < first) return [];
    const lastPage = this.pageOf(total - 1);
    const from = this.pageOf(Math.max(0, first));
    const to = this.pageOf(Math.min(total - 1, last));
    const wanted: number[] = [];
    for (let page = from; page <= to; page += 1) wanted.push(page);
    for (let k = 1; k <= prefetch; k += 1) wanted.push(to + k, from - k);
    return wanted.filter((page) => page >= 0 && page <= lastPage && !this.pages.has(page) && !this.loading.has(page));
  }

  markLoading(page: number): void {
    this.loading.add(page);
  }

  isLoading(page: number): boolean {
    return this.loading.has(page);
  }

  put(page: number, rows: readonly Row[]): void {
    this.loading.delete(page);
    this.pages.set(page, rows);
  }

  /** A fetch failed or was abandoned: the page may be asked for again. */
  release(page: number): void {
    this.loading.delete(page);
  }

  /** Keeps at most `maxPages`, dropping those farthest from `centerPage`. */
  evictFar(centerPage: number): void {
    if (this.pages.size <= this.maxPages) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centerPage) - Math.abs(a - centerPage));
    for (const page of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(page);
  }

  /** Rewrites held rows in place (an optimistic edit shown before the reload arrives). */
  patchRows(test: (row: Row) => boolean, update: (row: Row) => Row): void {
    for (const [page, rows] of this.pages) {
      if (rows.some(test)) this.pages.set(page, rows.map((row) => (test(row) ? update(row) : row)));
    }
  }

  /** The held rows that pass `test`, in position order (copying a selection). */
  rowsWhere(test: (row: Row) => boolean): Row[] {
    return [...this.pages.keys()].sort((a, b) => a - b).flatMap((page) => this.pages.get(page)!.filter(test));
  }

  /** Every held row, in position order, with its position (for range selection). */
  *entries(from: number, to: number): Generator<[number, Row | undefined]> {
    for (let index = from; index <= to; index += 1) yield [index, this.rowAt(index)];
  }
}
