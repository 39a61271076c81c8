/**
 * How many of a file's rows became notes rather than indicators (issue #17.4: 397 of 438 rows of a C2
 * list were filed as notes under "Imported… 0 rejected"). A note may stand for many rows ("12 × …").
 */
import type { ImportErrorEntry } from './import-summary';

/** Share of rows at or above which notes are reported as prominently as rejects. */
export const NOTABLE_NOTE_SHARE = 0.2;

/** Rows the notes stand for: a tallied note counts its "N ×", any other note one. */
export function countNoted(notes: readonly ImportErrorEntry[]): number {
  return notes.reduce((total, note) => total + (Number(/^(\d+) × /.exec(note.reason)?.[1]) || 1), 0);
}

/** "397 of 438 rows (91%) were filed as notes, not indicators" when notes are a large share, else undefined. */
export function notedWarning(records: number, notes: readonly ImportErrorEntry[]): string | undefined {
  const noted = countNoted(notes.filter((note) => !note.reason.startsWith('already imported on')));
  const rows = records + noted;
  if (noted < 5 || noted / rows < NOTABLE_NOTE_SHARE) return undefined;
  return `${noted} of ${rows} rows (${Math.round((100 * noted) / rows)}%) were filed as notes, not indicators; check the notes`;
}
