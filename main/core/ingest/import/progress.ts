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
  // `records` counts the current file's records, so the rate is over the current file's time: over the
  // whole import's, every file after a slow first one was shown far slower than it was.
  let fileIndex = 0;
  let fileStartedAt = now();
  // A file's last report is forced (see runInputs); the next file starts when it was made.
  let lastForcedAt = fileStartedAt;
  let last = -Infinity;
  return {
    update(progress, force = false) {
      if (!report) return;
      const at = now();
      if (progress.fileIndex !== fileIndex) {
        fileIndex = progress.fileIndex;
        fileStartedAt = lastForcedAt;
      }
      if (force) lastForcedAt = at;
      if (!force && at - last < intervalMs) return;
      last = at;
      const seconds = Math.max((at - fileStartedAt) / 1000, 1e-3);
      report({ ...progress, recordsPerSecond: Math.round(progress.records / seconds) });
    },
  };
}
