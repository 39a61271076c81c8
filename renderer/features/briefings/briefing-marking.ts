import type { BriefingContent, BriefingDetail, TlpLevel } from '../../../preload/contract';
import { highestTlp, tlpLabel, tlpRank } from '../../lib/tlp';

export interface EditorMarking {
  level: TlpLevel;
  /** What raises the marking above the document's own, for the banner ("section 'Infrastructure'"). */
  raisedBy: string[];
}

/**
 * The marking an unrestricted export would carry: the highest of the document, its sections and its attached
 * indicators, computed from what is being typed so the banner never lags behind the autosave. Indicators not
 * listed in the editor (past the first page) count through the core's own marking of the stored briefing,
 * which can only err towards the more restrictive label. The core computes the real marking at export time.
 */
export function editorMarking(draft: BriefingContent, detail: Pick<BriefingDetail, 'indicators' | 'indicatorCount' | 'marking'>): EditorMarking {
  const raisedBy: string[] = [];
  const above = (level: TlpLevel) => tlpRank(level) > tlpRank(draft.tlp);
  for (const section of draft.sections) {
    if (above(section.tlp)) raisedBy.push(`section “${section.heading || 'Untitled'}” (${tlpLabel(section.tlp)})`);
  }
  const listed = highestTlp(detail.indicators.map((indicator) => indicator.tlp));
  const unlisted = detail.indicatorCount > detail.indicators.length;
  const indicators = unlisted ? highestTlp([listed, detail.marking]) : listed;
  const raising = detail.indicators.filter((indicator) => above(indicator.tlp)).length;
  if (raising > 0) raisedBy.push(`${raising} indicator${raising === 1 ? '' : 's'}`);
  else if (above(indicators)) raisedBy.push('attached indicators');
  return { level: highestTlp([draft.tlp, indicators, ...draft.sections.map((section) => section.tlp)]), raisedBy };
}
