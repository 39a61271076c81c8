import type { QueueRow, Severity, TriagePatch } from '../../../preload/contract';
import { severityLabel } from '../../lib/triage-words';

/** The edit form's fields as typed; '' leaves a field unchanged, '-' clears it (where it can be cleared). */
export interface EditForm {
  confidence: string;
  severity: Severity | '' | '-';
  reliability: string;
  credibility: string;
  assignee: string;
  validUntil: string;
  addTags: string;
  removeTags: string;
}

/** The form for one focused row (its current values), or blank for a selection (nothing changes unless typed). */
export function editFormFor(row: QueueRow | undefined): EditForm {
  return {
    confidence: row?.confidence?.toString() ?? '',
    severity: (row && severityLabel(row.severity)) ?? '',
    reliability: row?.sourceReliability ?? '',
    credibility: row?.infoCredibility?.toString() ?? '',
    assignee: row?.assignee ?? '',
    validUntil: row?.validUntil?.slice(0, 10) ?? '',
    addTags: '',
    removeTags: '',
  };
}

const tags = (text: string) => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];

export type EditResult = { ok: true; patch: TriagePatch } | { ok: false; message: string };

/** The patch of the fields that differ from `before`; a message when a field cannot be sent. */
export function editPatch(before: EditForm, after: EditForm): EditResult {
  const patch: TriagePatch = {};
  if (after.confidence !== before.confidence) {
    const text = after.confidence.trim();
    if (text === '') patch.confidence = null;
    else if (/^\d{1,3}$/.test(text) && Number(text) <= 100) patch.confidence = Number(text);
    else return { ok: false, message: 'Confidence is a whole number from 0 to 100.' };
  }
  if (after.severity !== before.severity && after.severity !== '') patch.severity = after.severity === '-' ? null : after.severity;
  if (after.reliability !== before.reliability || after.credibility !== before.credibility) {
    if (after.reliability === '-' || (after.reliability === '' && after.credibility === '')) patch.admiralty = null;
    else if (!after.reliability || !after.credibility) return { ok: false, message: 'The Admiralty code needs both a source reliability and an information credibility.' };
    else patch.admiralty = { reliability: after.reliability as 'A', credibility: Number(after.credibility) as 1 };
  }
  if (after.assignee.trim() !== before.assignee.trim()) patch.assignee = after.assignee.trim() || null;
  if (after.validUntil !== before.validUntil) patch.validUntil = after.validUntil ? `${after.validUntil}T23:59:59.999Z` : null;
  if (tags(after.addTags).length > 0) patch.addTags = tags(after.addTags);
  if (tags(after.removeTags).length > 0) patch.removeTags = tags(after.removeTags);
  if (Object.keys(patch).length === 0) return { ok: false, message: 'Nothing changed.' };
  return { ok: true, patch };
}
