import { z } from 'zod';
import { channel } from './channel';
import { TlpLevelSchema } from './indicators';

export const IMPORT_FORMATS = ['auto', 'stix', 'misp', 'csv', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportProblem {
  file: string;
  location: string;
  reason: string;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  recordsPerSecond: number;
}

export interface ImportFileOutcome {
  file: string;
  format: string;
  committed: boolean;
  /** A file of a folder in which nothing was found: listed under notes, not a failure. */
  skipped?: boolean;
  records: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
  /** Set when the same file (SHA-256) was imported before: nothing was committed or counted. */
  alreadyImported?: { sourceId: number; sourceName: string; importedAt: string };
  /** Set for a MISP feed's manifest.json or hashes.csv chosen without the feed: reported, not imported. */
  feedPart?: 'manifest' | 'hashes';
}

export interface ImportSummary {
  files: number;
  records: number;
  indicators_new: number;
  indicators_merged: number;
  rejected: number;
  errors: ImportProblem[];
  ambiguities: ImportProblem[];
  notes: ImportProblem[];
  results: ImportFileOutcome[];
}

/**
 * Files reach the core as grants, never as paths the renderer typed: the Electron main grants the files
 * the analyst picked in its dialog or dropped on the window; the browser host grants uploads.
 */
const ImportStartRequest = z
  .object({
    grantId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    format: z.enum(IMPORT_FORMATS).default('auto'),
    tlp: TlpLevelSchema.optional(),
    sourceName: z.string().min(1).max(200).optional(),
    /** All or nothing per file; off, a file imports its valid values and lists every reject. */
    strict: z.boolean().default(false),
  })
  .strict();

const ImportCancelRequest = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();

export const importChannels = {
  'import:start': channel<typeof ImportStartRequest, { jobId: string }>(ImportStartRequest),
  'import:cancel': channel<typeof ImportCancelRequest, { cancelled: boolean }>(ImportCancelRequest),
};
