/**
 * QueueFilter -> SQL WHERE terms over `indicators i`. Every value is a bound parameter; only field names
 * and operators from closed lists reach the SQL text. Invalid input throws INVALID_INPUT.
 */
import { WorkbenchError } from '../errors';
import { isIndicatorType } from '../indicators';
import { tlpRank } from '../vault/queries/tlp-rank';
import { parseSearchText, type SearchText } from './fts-match';
import type { ConditionField, ConditionOp, QueueCondition, QueueFilter } from './queue-query';
import { CONDITION_FIELDS, CONDITION_OPS } from './queue-query';
import { isSeverity, isTriageStatus, parseTlp, SEVERITIES } from './triage-model';

export interface SqlFragment {
  where: string[];
  params: Record<string, string | number>;
}

const SET_FIELDS: ReadonlySet<ConditionField> = new Set(['type', 'status', 'source', 'tag', 'warninglist', 'assignee', 'in_briefing']);
/** Nullable time columns, compared through the same ifnull() expressions the sort indexes use. */
const TIME_COLUMNS: Partial<Record<ConditionField, string>> = {
  first_seen: 'ifnull(i.first_seen, \'\')',
  last_seen: 'ifnull(i.last_seen, \'\')',
  valid_until: 'i.valid_until',
};

/** Builds the WHERE terms of a filter; parameter names are `f0`, `f1`, ... in condition order. */
export function buildFilterSql(filter: QueueFilter): SqlFragment {
  const out: SqlFragment = { where: [], params: {} };
  const bind = (value: string | number): string => {
    const name = `f${Object.keys(out.params).length}`;
    out.params[name] = value;
    return `@${name}`;
  };
  for (const condition of filter.conditions ?? []) out.where.push(conditionSql(condition, bind));
  if (filter.text !== undefined && filter.text.trim() !== '') {
    const search = parseSearchText(filter.text);
    if (!search) throw invalid('The search text has no letters or digits.');
    // Many matches make this join slow under a sort: readQueuePage then walks the sort instead (queue-search).
    out.where.push(`i.id IN (${textMatchSql(search, bind)})`);
  }
  return out;
}

/**
 * The ids a search finds: every term in the full-text row, or (second branch) indicators of a source
 * whose name holds a term, where each term is in the row or in a name of one of the indicator's
 * sources ("AsyncRAT" finds the indicators of `AsyncRAT_C2.csv`: issue #17.7). The second branch starts
 * from the sources table (one row per imported file), so when no name holds a term it costs a scan of
 * that small table and nothing more.
 */
function textMatchSql(search: SearchText, bind: Bind): string {
  const fts = (match: string) => `SELECT rowid FROM indicator_search WHERE indicator_search MATCH ${bind(match)}`;
  const everyTermInRow = fts(search.match);
  const named = search.terms.filter((term) => term.name !== undefined);
  if (named.length === 0) return everyTermInRow;
  const anyName = named.map((term) => `s.name LIKE ${bind(term.name!)} ESCAPE '\\'`).join(' OR ');
  const everyTerm =
    search.terms.length === 1
      ? []
      : search.terms.map((term) => {
          const inRow = `l.indicator_id IN (${fts(term.match)})`;
          if (term.name === undefined) return inRow;
          const inName = `EXISTS (SELECT 1 FROM indicator_sources l2 JOIN sources s2 ON s2.id = l2.source_id
            WHERE l2.indicator_id = l.indicator_id AND s2.name LIKE ${bind(term.name)} ESCAPE '\\')`;
          return `(${inName} OR ${inRow})`;
        });
  return `${everyTermInRow}
    UNION ALL
    SELECT l.indicator_id FROM sources s JOIN indicator_sources l ON l.source_id = s.id
    WHERE (${anyName})${everyTerm.map((term) => ` AND ${term}`).join('')}`;
}

type Bind = (value: string | number) => string;

function conditionSql(condition: QueueCondition, bind: Bind): string {
  const { field, op } = condition;
  if (!(CONDITION_FIELDS as readonly string[]).includes(field)) throw invalid(`Unknown field "${String(field)}".`);
  if (!(CONDITION_OPS as readonly string[]).includes(op)) throw invalid(`Unknown operator "${String(op)}".`);
  const values = Array.isArray(condition.value) ? (condition.value as readonly (string | number)[]) : [condition.value as string | number];
  if (values.length === 0) throw invalid(`${field}: no value.`);
  if (values.length > 1 && op !== '=' && op !== '!=') throw invalid(`${field}: a list of values needs = or !=.`);
  if (SET_FIELDS.has(field) && op !== '=' && op !== '!=') throw invalid(`${field} can only be compared with = or !=.`);
  const negate = op === '!=';
  switch (field) {
    case 'type':
      return inList('i.type', values.map((v) => checked(v, isIndicatorType, 'indicator type')), negate, bind);
    case 'status':
      return inList('i.status', values.map((v) => checked(v, isTriageStatus, 'status')), negate, bind);
    case 'tlp':
      return compare('i.tlp_rank', op, values.map(tlpValue), bind);
    case 'confidence':
      return compare('i.confidence', op, values.map(confidenceValue), bind);
    case 'severity':
      return compare('i.severity', op, values.map(severityValue), bind);
    case 'first_seen':
    case 'last_seen':
    case 'valid_until':
      return timeCompare(TIME_COLUMNS[field]!, field, op, values.map(timeValue), bind);
    case 'source':
      return exists(
        `SELECT 1 FROM indicator_sources l JOIN sources s ON s.id = l.source_id WHERE l.indicator_id = i.id AND ${inList('s.name', values.map(String), false, bind)}`,
        negate,
      );
    case 'tag':
      return exists(`SELECT 1 FROM indicator_tags t WHERE t.indicator_id = i.id AND ${tagMatch(values.map(String), bind)}`, negate);
    case 'warninglist':
      return warninglistSql(values.map(String), negate, bind);
    case 'assignee':
      return assigneeSql(values.map(String), negate, bind);
    case 'in_briefing':
      return inBriefingSql(values, negate, bind);
  }
}

/**
 * Tags compare without case, and a bare word also finds it as a namespaced tag's value: `osint` finds
 * `OSINT` and `type:OSINT` (issue #17.7: the filter was exact and case-sensitive, `osint` 0 rows where
 * `type:OSINT` had 483). LIKE's own wildcards in the value are escaped.
 */
function tagMatch(values: readonly string[], bind: Bind): string {
  const one = (value: string): string => {
    const exact = `t.tag = ${bind(value)} COLLATE NOCASE`;
    if (value.includes(':')) return exact;
    return `(${exact} OR t.tag LIKE ${bind(`%:${value.replace(/[\\%_]/g, (c) => `\\${c}`)}`)} ESCAPE '\\')`;
  };
  return values.length === 1 ? one(values[0]!) : `(${values.map(one).join(' OR ')})`;
}

function inList(column: string, values: readonly (string | number)[], negate: boolean, bind: Bind): string {
  if (values.length === 1) return `${column} ${negate ? '!=' : '='} ${bind(values[0]!)}`;
  return `${column} ${negate ? 'NOT IN' : 'IN'} (${values.map(bind).join(', ')})`;
}

function compare(column: string, op: ConditionOp, values: readonly number[], bind: Bind): string {
  if (values.length > 1) return inList(column, values, op === '!=', bind);
  return `${column} ${op} ${bind(values[0]!)}`;
}

/** `last_seen < X` must not match rows without a last_seen (the ifnull('') sorts them first). */
function timeCompare(expr: string, field: string, op: ConditionOp, values: readonly string[], bind: Bind): string {
  const column = `i.${field}`;
  if (values.length > 1) return `(${inList(column, values, op === '!=', bind)})`;
  const term = `${expr} ${op} ${bind(values[0]!)}`;
  return op === '>' || op === '>=' ? term : `(${column} IS NOT NULL AND ${term})`;
}

function exists(subquery: string, negate: boolean): string {
  return `${negate ? 'NOT ' : ''}EXISTS (${subquery})`;
}

function warninglistSql(values: readonly string[], negate: boolean, bind: Bind): string {
  const any = values.length === 1 && /^(yes|any)$/i.test(values[0]!);
  const none = values.length === 1 && /^(no|none)$/i.test(values[0]!);
  if (any || none) return exists('SELECT 1 FROM warninglist_hits h WHERE h.indicator_id = i.id', any === negate);
  return exists(
    `SELECT 1 FROM warninglist_hits h JOIN warninglists w ON w.id = h.list_id WHERE h.indicator_id = i.id AND ${inList('w.name', values, false, bind)}`,
    negate,
  );
}

/**
 * `in_briefing=yes|no` reads the counter the briefings capability keeps; `in_briefing=12` (or `12,14`)
 * names briefings, matched against their working drafts' attachments.
 */
function inBriefingSql(values: readonly (string | number)[], negate: boolean, bind: Bind): string {
  const ids = values.map((v) => (typeof v === 'number' ? v : /^\d{1,15}$/.test(v.trim()) ? Number(v) : NaN));
  if (ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
    return exists(`SELECT 1 FROM briefing_indicators b WHERE b.indicator_id = i.id AND b.version = 0 AND ${inList('b.briefing_id', ids, false, bind)}`, negate);
  }
  if (values.length > 1) throw invalid('in_briefing takes yes, no, or briefing ids.');
  const yes = yesNo(values[0], 'in_briefing');
  return yes !== negate ? 'i.in_briefings > 0' : 'i.in_briefings = 0';
}

function assigneeSql(values: readonly string[], negate: boolean, bind: Bind): string {
  if (values.length === 1 && /^none$/i.test(values[0]!)) return negate ? 'i.assignee_id IS NOT NULL' : 'i.assignee_id IS NULL';
  const term = `i.assignee_id IN (SELECT a.id FROM analysts a WHERE ${inList('a.handle', values, false, bind)})`;
  return negate ? `(i.assignee_id IS NULL OR NOT ${term})` : term;
}

function checked<T extends string>(value: string | number, test: (v: string) => v is T, what: string): T {
  const text = String(value);
  if (!test(text)) throw invalid(`"${text}" is not a ${what}.`);
  return text;
}

function tlpValue(value: string | number): number {
  const level = parseTlp(String(value));
  if (!level) throw invalid(`"${value}" is not a TLP level (clear, green, amber, amber+strict, red).`);
  return tlpRank(level);
}

function confidenceValue(value: string | number): number {
  const n = typeof value === 'number' ? value : /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 100) throw invalid(`Confidence "${value}" is not a whole number from 0 to 100.`);
  return n;
}

function severityValue(value: string | number): number {
  const text = String(value).toLowerCase();
  if (isSeverity(text)) return SEVERITIES.indexOf(text);
  if (/^[0-4]$/.test(text)) return Number(text);
  throw invalid(`"${value}" is not a severity (${SEVERITIES.join(', ')}).`);
}

/** Dates as the vault stores them (UTC ISO with milliseconds); `2026-03-01` means its first instant. */
export function timeValue(value: string | number): string {
  const text = String(value);
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw invalid(`"${text}" is not a date (YYYY-MM-DD or ISO 8601).`);
  return new Date(ms).toISOString();
}

function yesNo(value: string | number | undefined, field: string): boolean {
  const text = String(value).toLowerCase();
  if (text === 'yes' || text === 'true') return true;
  if (text === 'no' || text === 'false') return false;
  throw invalid(field === 'in_briefing' ? 'in_briefing takes yes, no, or briefing ids.' : `${field} takes yes or no.`);
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', message);
}
