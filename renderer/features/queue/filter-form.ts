import type { QueueFilter, TlpLevel, TriageStatus } from '../../../preload/contract';
import { isTlpLevel } from '../../lib/tlp';
import { isTriageStatus } from '../../lib/triage-words';

/** The filter bar as the analyst fills it in; `toQueueFilter` turns it into the contract's conditions. */
export interface FilterForm {
  text: string;
  type: string;
  status: TriageStatus | '';
  /** `<=` reads "this marking or less restrictive" (what may be shared at that level). */
  tlpOp: '=' | '<=';
  tlp: TlpLevel | '';
  source: string;
  tag: string;
  confidenceMin: string;
  confidenceMax: string;
  /** Dates as YYYY-MM-DD, both ends inclusive. */
  firstSeenFrom: string;
  firstSeenTo: string;
  lastSeenFrom: string;
  lastSeenTo: string;
  warninglist: '' | 'yes' | 'no';
  /** `yes`/`no`, or one briefing's id (digits) when the queue was opened from that briefing. */
  inBriefing: string;
}

export const EMPTY_FORM: FilterForm = {
  text: '',
  type: '',
  status: '',
  tlpOp: '=',
  tlp: '',
  source: '',
  tag: '',
  confidenceMin: '',
  confidenceMax: '',
  firstSeenFrom: '',
  firstSeenTo: '',
  lastSeenFrom: '',
  lastSeenTo: '',
  warninglist: '',
  inBriefing: '',
};

type Condition = NonNullable<QueueFilter['conditions']>[number];

const DAY_MS = 86_400_000;
/** A day as the filters take it: ISO, YYYY-MM-DD, like every other date in the app. */
export const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
/** A confidence filter value: a whole number from 0 to 100, else null. */
export const confidence = (text: string) => (/^\d{1,3}$/.test(text.trim()) && Number(text) <= 100 ? Number(text) : null);

function dateRange(field: 'first_seen' | 'last_seen', from: string, to: string): Condition[] {
  const out: Condition[] = [];
  if (isDay(from)) out.push({ field, op: '>=', value: from });
  // "To" is inclusive for the analyst; the core compares instants, so it becomes "before the next day".
  if (isDay(to)) out.push({ field, op: '<', value: shiftDay(to, 1) });
  return out;
}

/** The contract filter for a form; empty and malformed fields are left out rather than sent. */
export function toQueueFilter(form: FilterForm): QueueFilter {
  const conditions: Condition[] = [];
  if (form.type) conditions.push({ field: 'type', op: '=', value: form.type });
  if (form.status) conditions.push({ field: 'status', op: '=', value: form.status });
  if (form.tlp) conditions.push({ field: 'tlp', op: form.tlpOp, value: form.tlp });
  if (form.source.trim()) conditions.push({ field: 'source', op: '=', value: form.source.trim() });
  if (form.tag.trim()) conditions.push({ field: 'tag', op: '=', value: form.tag.trim() });
  const min = confidence(form.confidenceMin);
  const max = confidence(form.confidenceMax);
  if (min !== null) conditions.push({ field: 'confidence', op: '>=', value: min });
  if (max !== null) conditions.push({ field: 'confidence', op: '<=', value: max });
  conditions.push(...dateRange('first_seen', form.firstSeenFrom, form.firstSeenTo));
  conditions.push(...dateRange('last_seen', form.lastSeenFrom, form.lastSeenTo));
  if (form.warninglist) conditions.push({ field: 'warninglist', op: '=', value: form.warninglist });
  if (form.inBriefing === 'yes' || form.inBriefing === 'no') conditions.push({ field: 'in_briefing', op: '=', value: form.inBriefing });
  else if (/^\d{1,15}$/.test(form.inBriefing)) conditions.push({ field: 'in_briefing', op: '=', value: Number(form.inBriefing) });
  const text = form.text.trim();
  return { ...(conditions.length > 0 ? { conditions } : {}), ...(text ? { text } : {}) };
}

/** The form for a saved filter; conditions the bar cannot show are dropped (views are saved from the bar). */
export function fromQueueFilter(filter: QueueFilter): FilterForm {
  const form: FilterForm = { ...EMPTY_FORM, text: filter.text ?? '' };
  for (const { field, op, value } of filter.conditions ?? []) {
    if (Array.isArray(value)) continue;
    const text = String(value);
    if (field === 'type' && op === '=') form.type = text;
    else if (field === 'status' && op === '=' && isTriageStatus(text)) form.status = text;
    else if (field === 'tlp' && (op === '=' || op === '<=') && isTlpLevel(text)) Object.assign(form, { tlp: text, tlpOp: op });
    else if (field === 'source' && op === '=') form.source = text;
    else if (field === 'tag' && op === '=') form.tag = text;
    else if (field === 'confidence' && op === '>=') form.confidenceMin = text;
    else if (field === 'confidence' && op === '<=') form.confidenceMax = text;
    else if ((field === 'first_seen' || field === 'last_seen') && isDay(text)) {
      const prefix = field === 'first_seen' ? 'firstSeen' : 'lastSeen';
      if (op === '>=') form[`${prefix}From`] = text;
      if (op === '<') form[`${prefix}To`] = shiftDay(text, -1);
    } else if (field === 'warninglist' && (text === 'yes' || text === 'no')) form.warninglist = text;
    else if (field === 'in_briefing' && op === '=' && /^(yes|no|\d{1,15})$/.test(text)) form.inBriefing = text;
  }
  return form;
}

/** How many fields of the bar narrow the queue (the search text included). */
export function countActiveFilters(form: FilterForm): number {
  return (toQueueFilter(form).conditions?.length ?? 0) + (form.text.trim() ? 1 : 0);
}
