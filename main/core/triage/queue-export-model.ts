/**
 * The queue export's formats and outcome, with no dependencies, so the IPC contract (and through it the
 * renderer) imports them with `import type` instead of keeping a copy that drifts.
 */
import type { TlpLevel } from '../indicators/tlp-level';

export const QUEUE_EXPORT_FORMATS = ['csv', 'stix', 'txt'] as const;
export type QueueExportFormat = (typeof QUEUE_EXPORT_FORMATS)[number];

/** A queue export written into the export folder: the file's name (never a path) and what went into it. */
export interface QueueExportFileOutcome {
  fileName: string;
  format: QueueExportFormat;
  tlpMax: TlpLevel;
  /** Values written defanged (a STIX pattern always holds the real value). */
  defanged: boolean;
  bytes: number;
  /** Indicators written. */
  count: number;
  /** Indicators of the filter marked above the ceiling, left out. */
  withheld: number;
  /** The highest marking among what was written; null when nothing was. */
  marking: TlpLevel | null;
}
