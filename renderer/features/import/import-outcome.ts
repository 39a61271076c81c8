import type { ImportFileOutcome, ImportSummary } from '../../../preload/contract';

export type FileVerdict = 'imported' | 'not-imported' | 'already-imported' | 'nothing-found';

export interface FileOutcomeView extends ImportFileOutcome {
  verdict: FileVerdict;
  problems: number;
  /** Why a file was or was not imported, in the analyst's words; null when there is nothing to add. */
  explanation: string | null;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The reason the core gives for a file that was read whole and holds no indicator (see import-items.ts). */
const NOTHING_FOUND = /^no indicators found\b/;

function explain(result: ImportFileOutcome, problems: ImportSummary['errors'], strict: boolean): string | null {
  if (result.alreadyImported) {
    const { importedAt, sourceName } = result.alreadyImported;
    return `Already imported on ${importedAt.slice(0, 10)} as “${sourceName}”: the same file again adds no sightings, so nothing changed.`;
  }
  if (result.skipped) return 'Nothing found in this file of the folder; see the notes.';
  if (result.feedPart === 'hashes') {
    return "Not imported: this is a MISP feed's hashes.csv, MD5s of the feed's values that MISP uses for lookups, not indicators. Choose the feed's folder instead.";
  }
  if (result.feedPart === 'manifest') {
    return "Not imported: this is a MISP feed's manifest.json; it lists the feed's events but holds no indicators. Choose it with the event files, or the feed's folder.";
  }
  if (result.committed) {
    return result.rejected > 0 ? `Imported the valid records; ${plural(result.rejected, 'reject')} listed below.` : null;
  }
  // Rejects are per record; a problem that is not a reject (a truncated file, an unreadable one) stops the whole file.
  // A file read to its end that simply holds no indicator (a feed's manifest.json) was read fine.
  if (result.records === 0 && result.rejected === 0 && problems.some((p) => NOTHING_FOUND.test(p.reason))) {
    return 'Not imported: the file was read, but it holds no indicators.';
  }
  const fatal = problems.length > result.rejected;
  if (fatal) return 'Not imported: the file could not be read to the end, so nothing from it was committed. See the problem below.';
  if (result.rejected > 0 && strict) {
    return `Not imported because of ${plural(result.rejected, 'reject')}: “Strict” commits a file whole or not at all. Without it, its valid values are imported.`;
  }
  if (result.records === 0) return 'Not imported: no indicators were found in this file.';
  return 'Not imported.';
}

/** One row per file, in the order the core reported them, with counts of the problems listed for it. */
export function describeFiles(summary: ImportSummary, strict: boolean): FileOutcomeView[] {
  return summary.results.map((result) => {
    const problems = summary.errors.filter((error) => error.file === result.file);
    const verdict: FileVerdict = result.alreadyImported ? 'already-imported' : result.committed ? 'imported' : result.skipped ? 'nothing-found' : 'not-imported';
    return { ...result, verdict, problems: problems.length, explanation: explain(result, problems, strict) };
  });
}

/** Rows the notes stand for: a tallied note ("12 × …") counts 12 (as the core's noted-share.ts). */
export function countNoted(summary: ImportSummary): number {
  return summary.notes.filter((note) => !note.reason.startsWith('already imported on')).reduce((total, note) => total + (Number(/^(\d+) × /.exec(note.reason)?.[1]) || 1), 0);
}

/**
 * Notes as prominent as rejects when they are a large share of the rows (issue #17.4: 397 of 438 rows
 * of a C2 list became notes under a green "0 rejected").
 */
function notedWarning(summary: ImportSummary): string | undefined {
  const noted = countNoted(summary);
  const rows = summary.records + noted;
  if (noted < 5 || noted / rows < 0.2) return undefined;
  return `${noted} of ${rows} rows (${Math.round((100 * noted) / rows)}%) were filed as notes, not indicators: check the Notes below.`;
}

/** The one-line headline of a finished import. */
export function headline(summary: ImportSummary): { tone: 'success' | 'error'; text: string } {
  const top = importHeadline(summary);
  const noted = notedWarning(summary);
  return noted ? { tone: 'error', text: `${top.text} ${noted}` } : top;
}

function importHeadline(summary: ImportSummary): { tone: 'success' | 'error'; text: string } {
  const repeated = summary.results.filter((result) => result.alreadyImported);
  // A file of a folder in which nothing was found is a note, not a failure.
  const empty = summary.results.filter((result) => result.skipped).length;
  const failed = summary.results.filter((result) => !result.committed && !result.alreadyImported && !result.skipped).length;
  const imported = summary.results.filter((result) => result.committed).length;
  const added = `${plural(summary.indicators_new, 'new indicator')}, ${plural(summary.indicators_merged, 'merged indicator')}`;
  const again = repeated.length === 0 ? '' : ` ${alreadyImportedText(repeated)}`;
  const nothing = empty > 0 ? ` (nothing found in ${plural(empty, 'other file')})` : '';
  if (failed === 0 && imported === 0 && repeated.length > 0) return { tone: 'success', text: `${again.trim()}${nothing}` };
  if (failed === 0) return { tone: 'success', text: `Imported ${plural(imported, 'file')}${nothing}: ${added}.${again}` };
  return {
    tone: 'error',
    text: `${failed} of ${plural(summary.files, 'file')} NOT IMPORTED${imported > 0 ? `; ${imported} imported: ${added}` : ''}.${again}`,
  };
}

function alreadyImportedText(repeated: readonly ImportFileOutcome[]): string {
  if (repeated.length > 1) return `${repeated.length} files were already imported; nothing changed for them.`;
  return `Already imported on ${repeated[0]!.alreadyImported!.importedAt.slice(0, 10)}: nothing changed.`;
}
