/**
 * The TLP ceiling of an export, applied once to the plain export input before any exporter runs, so
 * no format can leak what another withholds. Order: clear < green < amber < amber+strict < red.
 */
import type { TlpLevel } from '../../ingest/ingest-record';
import { stricterTlp, tlpRank } from '../../vault/queries/tlp-rank';
import { BriefingExportError } from './export-error';
import type { BriefingExportInput } from './export-input';

/** Something left out of an export, and why: the export log (audited) lists these. */
export interface WithheldItem {
  readonly kind: 'section' | 'indicator';
  readonly id: string;
  readonly tlp: TlpLevel;
  readonly reason: string;
}

export interface CeilingResult {
  /** The input with everything above the ceiling removed. */
  readonly included: BriefingExportInput;
  readonly withheld: readonly WithheldItem[];
  /** The highest marking of what `included` contains: the export's own marking. */
  readonly marking: TlpLevel;
}

/** True when `level` may go into an export at `ceiling`. */
export function isWithinCeiling(level: TlpLevel, ceiling: TlpLevel): boolean {
  return tlpRank(level) <= tlpRank(ceiling);
}

/**
 * Removes the sections and indicators marked above `tlpMax`. The title, summary, techniques and
 * references carry the document's own marking, so a document above the ceiling cannot be exported at
 * all: that throws BriefingExportError('above-ceiling') rather than exporting an empty shell.
 */
export function applyCeiling(input: BriefingExportInput, tlpMax: TlpLevel): CeilingResult {
  if (!isWithinCeiling(input.tlp, tlpMax)) {
    throw new BriefingExportError('above-ceiling', `briefing ${input.id} is TLP:${input.tlp.toUpperCase()}, above the export ceiling TLP:${tlpMax.toUpperCase()}; it cannot be exported at that ceiling`);
  }
  const withheld: WithheldItem[] = [];
  const reason = (level: TlpLevel): string => `TLP:${level.toUpperCase()} is above the export ceiling TLP:${tlpMax.toUpperCase()}`;
  const sections = input.sections.filter((section) => {
    if (isWithinCeiling(section.tlp, tlpMax)) return true;
    withheld.push({ kind: 'section', id: section.id, tlp: section.tlp, reason: reason(section.tlp) });
    return false;
  });
  const indicators = input.indicators.filter((indicator) => {
    if (isWithinCeiling(indicator.tlp, tlpMax)) return true;
    withheld.push({ kind: 'indicator', id: indicator.id, tlp: indicator.tlp, reason: reason(indicator.tlp) });
    return false;
  });
  const included: BriefingExportInput = { ...input, sections, indicators };
  return { included, withheld, marking: exportMarking(included) };
}

/** The highest marking among the document and everything it contains. */
export function exportMarking(input: BriefingExportInput): TlpLevel {
  let marking = input.tlp;
  for (const section of input.sections) marking = stricterTlp(marking, section.tlp);
  for (const indicator of input.indicators) marking = stricterTlp(marking, indicator.tlp);
  return marking;
}
