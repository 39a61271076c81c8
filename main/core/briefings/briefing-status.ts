/** A briefing's workflow states, in the only order they may be passed through. */
export const BRIEFING_STATUSES = ['draft', 'in-review', 'approved', 'published'] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];
