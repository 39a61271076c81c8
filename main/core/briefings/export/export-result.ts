import type { TlpLevel } from '../../ingest/ingest-record';
import type { WithheldItem } from './tlp-ceiling';

export const EXPORT_FORMATS = ['html', 'pdf', 'stix', 'misp', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One finished export: the file's bytes and what the export log records about it. */
export interface BriefingExportResult {
  readonly bytes: Uint8Array;
  /** The highest marking of what the file contains. */
  readonly marking: TlpLevel;
  readonly withheld: readonly WithheldItem[];
  readonly mediaType: string;
  /** Without the dot: `html`, `pdf`, `json`, `csv`. */
  readonly extension: string;
  /** What the export log should say besides the withheld items (e.g. a PDF listing only part of the indicators). */
  readonly notes: readonly string[];
}
