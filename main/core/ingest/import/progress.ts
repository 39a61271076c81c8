/** What an import reports while it runs (to the CLI's stderr and the UI's progress bar). */
export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  recordsPerSecond: number;
}

/** Calls `report` at most every `intervalMs`, plus once at the end, so progress never slows the import. */
export function throttleProgress(
  report: ((progress: ImportProgress) => void) | undefined,
  now: () => number,
  intervalMs = 250,
): { update(progress: Omit<ImportProgress, 'recordsPerSecond'>, force?: boolean): void } {
  const startedAt = now();
  let last = -Infinity;
  return {
    update(progress, force = false) {
      if (!report) return;
      const at = now();
      if (!force && at - last < intervalMs) return;
      last = at;
      const seconds = Math.max((at - startedAt) / 1000, 1e-3);
      report({ ...progress, recordsPerSecond: Math.round(progress.records / seconds) });
    },
  };
}
