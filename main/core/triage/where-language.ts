/**
 * The `--where` language: space-separated conditions `field op value`, AND-ed, e.g.
 * `status=new type=domain,hostname tlp<=amber source="Partner feed" last_seen>=2026-01-01`.
 * Ops: = != < <= > >=. A value is bare (no spaces, commas or quotes) or "quoted" (\" and \\ escape);
 * a comma list means any of (=) / none of (!=). Errors are WhereSyntaxError with a 0-based position;
 * the parser throws nothing else, whatever the input (checked by a property test).
 */
import { isWorkbenchError, WorkbenchError } from '../errors';
import { buildFilterSql } from './queue-filter-sql';
import { CONDITION_FIELDS, type ConditionField, type ConditionOp, type QueueCondition } from './queue-query';

export class WhereSyntaxError extends WorkbenchError {
  readonly position: number;

  constructor(message: string, position: number) {
    super('INVALID_INPUT', `${message} (at position ${position + 1})`);
    this.name = 'WhereSyntaxError';
    this.position = position;
  }
}

const OPS: readonly ConditionOp[] = ['!=', '<=', '>=', '=', '<', '>'];
const MAX_INPUT = 10_000;

/** Parses and validates `text` into queue conditions. */
export function parseWhere(text: string): QueueCondition[] {
  if (typeof text !== 'string') throw new WhereSyntaxError('The condition is not text', 0);
  if (text.length > MAX_INPUT) throw new WhereSyntaxError(`The condition is longer than ${MAX_INPUT} characters`, MAX_INPUT);
  const conditions: QueueCondition[] = [];
  let i = skipSpace(text, 0);
  if (i === text.length) throw new WhereSyntaxError('Expected at least one condition such as status=new', i);
  while (i < text.length) {
    const fieldStart = i;
    while (i < text.length && /[a-z_]/i.test(text[i]!)) i += 1;
    const field = text.slice(fieldStart, i).toLowerCase();
    if (!field) throw new WhereSyntaxError('Expected a field name', i);
    if (!(CONDITION_FIELDS as readonly string[]).includes(field)) {
      throw new WhereSyntaxError(`Unknown field "${field}" (fields: ${CONDITION_FIELDS.join(', ')})`, fieldStart);
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new WhereSyntaxError('Expected an operator (= != < <= > >=)', i);
    i += op.length;
    const valueStart = i;
    const { values, end } = readValues(text, i);
    i = end;
    if (i < text.length && !/\s/.test(text[i]!)) throw new WhereSyntaxError('Expected a space before the next condition', i);
    const condition: QueueCondition = { field: field as ConditionField, op, value: values.length === 1 ? values[0]! : values };
    validate(condition, valueStart);
    conditions.push(condition);
    i = skipSpace(text, i);
  }
  return conditions;
}

function readValues(text: string, start: number): { values: string[]; end: number } {
  const values: string[] = [];
  let i = start;
  for (;;) {
    const itemStart = i;
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new WhereSyntaxError('Unterminated quoted value', itemStart);
        const c = text[i]!;
        if (c === '"') break;
        if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i += 1;
        value += text[i]!;
        i += 1;
      }
      i += 1;
    } else {
      while (i < text.length && !/[\s,"]/.test(text[i]!)) value += text[i++]!;
      if (!value) throw new WhereSyntaxError('Expected a value', itemStart);
    }
    values.push(value);
    if (text[i] !== ',') return { values, end: i };
    i += 1;
  }
}

/** Checks the value against the field (status names, TLP levels, dates...) so errors point at it. */
function validate(condition: QueueCondition, position: number): void {
  try {
    buildFilterSql({ conditions: [condition] });
  } catch (error) {
    if (isWorkbenchError(error)) throw new WhereSyntaxError(error.message.replace(/\.$/, ''), position);
    throw new WhereSyntaxError('Invalid condition', position);
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}
