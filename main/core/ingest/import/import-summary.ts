/** A problem with one place of one file, as the CLI's `--json` and the UI's result view list it. */
export interface ImportErrorEntry {
  file: string;
  location: string;
  reason: string;
}

/** The outcome of importing one file (or one MISP feed folder) in one transaction. */
export interface FileImportResult {
  file: string;
  format: string;
  sourceId: number | null;
  committed: boolean;
  /** A file of a folder in which nothing was found (a README, a script): a note, not a failure. */
  skipped: boolean;
  sha256: string | null;
  records: number;
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
  errors: ImportErrorEntry[];
  /** Candidates the parser was unsure of (e.g. `invoice.zip`): listed, not imported, not errors. */
  ambiguities: ImportErrorEntry[];
  notes: ImportErrorEntry[];
  /** Set when the same bytes were imported before (see earlier-import.ts): nothing was committed. */
  alreadyImported?: { sourceId: number; sourceName: string; importedAt: string };
  /** Set when the file is a MISP feed's manifest or hashes.csv that arrived without its feed (see feed-set.ts). */
  feedPart?: 'manifest' | 'hashes';
}

export interface ImportSummary {
  files: number;
  records: number;
  indicators_new: number;
  indicators_merged: number;
  rejected: number;
  errors: ImportErrorEntry[];
  ambiguities: ImportErrorEntry[];
  notes: ImportErrorEntry[];
  results: FileImportResult[];
}

/** Only this many problems are kept per file; the counts stay exact. */
export const MAX_LISTED_PER_FILE = 1000;

export function summarise(results: FileImportResult[]): ImportSummary {
  const sum = (pick: (r: FileImportResult) => number): number => results.reduce((total, r) => total + pick(r), 0);
  const committed = results.filter((r) => r.committed);
  return {
    files: results.length,
    records: sum((r) => r.records),
    indicators_new: committed.reduce((t, r) => t + r.indicatorsNew, 0),
    indicators_merged: committed.reduce((t, r) => t + r.indicatorsMerged, 0),
    rejected: sum((r) => r.rejected),
    errors: results.flatMap((r) => r.errors),
    ambiguities: results.flatMap((r) => r.ambiguities),
    notes: results.flatMap((r) => r.notes),
    results,
  };
}

export function emptyResult(file: string, format: string): FileImportResult {
  return {
    file,
    format,
    sourceId: null,
    committed: false,
    skipped: false,
    sha256: null,
    records: 0,
    indicatorsNew: 0,
    indicatorsMerged: 0,
    rejected: 0,
    errors: [],
    ambiguities: [],
    notes: [],
  };
}
