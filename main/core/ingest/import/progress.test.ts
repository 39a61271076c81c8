import { describe, expect, it } from 'vitest';
import { throttleProgress, type ImportProgress } from './progress';

describe('throttleProgress', () => {
  it("gives each file's rate over that file's own time", () => {
    let clock = 0;
    const seen: ImportProgress[] = [];
    const progress = throttleProgress((p) => seen.push(p), () => clock);
    const at = (fileIndex: number, records: number, force = false): void =>
      progress.update({ file: `f${fileIndex}`, fileIndex, fileCount: 2, bytesRead: 0, bytesTotal: 0, records }, force);
    clock = 60_000;
    at(0, 60_000, true); // the first file: 60,000 records in 60 s
    clock = 61_000;
    at(1, 10_000); // the second: 10,000 records in its first second
    expect(seen.map((p) => p.recordsPerSecond)).toEqual([1000, 10_000]);
  });

  it('reports at most every interval, plus forced reports', () => {
    let clock = 0;
    const seen: number[] = [];
    const progress = throttleProgress((p) => seen.push(p.records), () => clock, 250);
    for (let records = 1; records <= 10; records++) {
      clock += 100;
      progress.update({ file: 'f', fileIndex: 0, fileCount: 1, bytesRead: 0, bytesTotal: 0, records });
    }
    progress.update({ file: 'f', fileIndex: 0, fileCount: 1, bytesRead: 0, bytesTotal: 0, records: 10 }, true);
    expect(seen).toEqual([1, 4, 7, 10, 10]);
  });
});
