import type { BriefingContent, BriefingExportFormat, BriefingStatus } from '../../../preload/contract';

/** The renderer may import only types from the contract, so the vocabularies are listed here and checked against it. */
export const BRIEFING_STATUS_OPTIONS = ['draft', 'in-review', 'approved', 'published'] as const satisfies readonly BriefingStatus[];
export const BRIEFING_STATUS_OPTIONS_COMPLETE: [Exclude<BriefingStatus, (typeof BRIEFING_STATUS_OPTIONS)[number]>] extends [never] ? true : never = true;

export const EXPORT_FORMAT_OPTIONS = ['pdf', 'html', 'stix', 'misp', 'csv'] as const satisfies readonly BriefingExportFormat[];
export const EXPORT_FORMAT_OPTIONS_COMPLETE: [Exclude<BriefingExportFormat, (typeof EXPORT_FORMAT_OPTIONS)[number]>] extends [never] ? true : never = true;

const STATUS_LABELS: Record<BriefingStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  published: 'Published',
};

export function briefingStatusLabel(status: BriefingStatus): string {
  return STATUS_LABELS[status];
}

/**
 * The workflow's moves as the core allows them (main/core/briefings/briefing-model.ts BRIEFING_TRANSITIONS):
 * forward one step, or a review sent back to draft. Published is final. The core refuses any other move;
 * this list only decides which buttons to offer.
 */
export function nextStatuses(status: BriefingStatus): { status: BriefingStatus; label: string }[] {
  switch (status) {
    case 'draft':
      return [{ status: 'in-review', label: 'Send for review' }];
    case 'in-review':
      return [
        { status: 'approved', label: 'Approve' },
        { status: 'draft', label: 'Back to draft' },
      ];
    case 'approved':
      // "Publish to sync…" publishes and queues for a TAXII hub; this one only marks it (file-only teams).
      return [{ status: 'published', label: 'Publish without sync' }];
    case 'published':
      return [];
  }
}

/** Content may change while a briefing is a draft or in review; approved and published are frozen. */
export function isEditable(status: BriefingStatus): boolean {
  return status === 'draft' || status === 'in-review';
}

export const EXPORT_FORMAT_LABELS: Record<BriefingExportFormat, string> = {
  pdf: 'PDF (printable, marked on every page)',
  html: 'HTML (one self-contained file)',
  stix: 'STIX 2.1 bundle',
  misp: 'MISP event (JSON)',
  csv: 'CSV (indicators)',
};

/** The fields the editor sends to the core: what changed since the last stored draft, compared by reference. */
export function changedContent(before: BriefingContent, after: BriefingContent): Partial<BriefingContent> {
  const patch: Partial<BriefingContent> = {};
  for (const key of Object.keys(after) as (keyof BriefingContent)[]) {
    if (before[key] !== after[key]) (patch as Record<string, unknown>)[key] = after[key];
  }
  return patch;
}

/** The content part of a briefing as the core returned it (a fresh copy the editor may replace field by field). */
export function contentOf(briefing: BriefingContent): BriefingContent {
  return {
    title: briefing.title,
    summary: briefing.summary,
    tlp: briefing.tlp,
    sections: briefing.sections,
    authors: briefing.authors,
    distribution: briefing.distribution,
    techniques: briefing.techniques,
    references: briefing.references,
    validUntil: briefing.validUntil,
  };
}

/**
 * What of a change the core can store now: rows the analyst has added but not filled in yet (an author
 * without a name, an empty reference) and an emptied title stay in the editor until they are complete,
 * instead of failing the whole autosave.
 */
export function storablePatch(patch: Partial<BriefingContent>): Partial<BriefingContent> {
  const out: Partial<BriefingContent> = { ...patch };
  if (out.title !== undefined && out.title.trim() === '') delete out.title;
  if (out.authors) out.authors = out.authors.filter((author) => author.name.trim() !== '');
  if (out.distribution) out.distribution = out.distribution.filter((recipient) => recipient.name.trim() !== '');
  if (out.references) out.references = out.references.filter((reference) => [reference.url, reference.externalId, reference.sourceName, reference.description].some((part) => part?.trim()));
  return out;
}
