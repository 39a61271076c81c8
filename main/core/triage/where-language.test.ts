import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWhere, WhereSyntaxError } from './where-language';
import { propertySeed } from '../../../test/helpers/property-seed';

describe('parseWhere', () => {
  it('parses field op value terms, lists and quoted values', () => {
    expect(parseWhere('status=new type=domain,hostname tlp<=amber source="Partner \\"A\\" feed" confidence>=70 last_seen>2026-01-01')).toEqual([
      { field: 'status', op: '=', value: 'new' },
      { field: 'type', op: '=', value: ['domain', 'hostname'] },
      { field: 'tlp', op: '<=', value: 'amber' },
      { field: 'source', op: '=', value: 'Partner "A" feed' },
      { field: 'confidence', op: '>=', value: '70' },
      { field: 'last_seen', op: '>', value: '2026-01-01' },
    ]);
    expect(parseWhere('  warninglist!=yes   tag="a b"  ')).toEqual([
      { field: 'warninglist', op: '!=', value: 'yes' },
      { field: 'tag', op: '=', value: 'a b' },
    ]);
  });

  it.each([
    ['', 0, /at least one condition/],
    ['status', 6, /operator/],
    ['colour=red', 0, /Unknown field "colour"/],
    ['status=', 7, /Expected a value/],
    ['status=nope', 7, /not a status/],
    ['tlp<=purple', 5, /TLP/],
    ['type<domain', 5, /only be compared/],
    ['status=new"x"', 10, /space before/],
    ['source="unterminated', 7, /Unterminated/],
    ['status=new =x', 11, /field name/],
    ['confidence>=500', 12, /0 to 100/],
  ])('rejects %j at position %i', (text, position, message) => {
    let caught: unknown;
    try {
      parseWhere(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WhereSyntaxError);
    expect((caught as WhereSyntaxError).position).toBe(position);
    expect((caught as WhereSyntaxError).message).toMatch(message);
    expect((caught as WhereSyntaxError).code).toBe('INVALID_INPUT');
  });

  it('never throws anything but WhereSyntaxError, whatever the input', () => {
    const alphabet = fc.constantFrom(...'status=new type tlp<=>!amber,"\\ source tag confidence 5 0 1_- \t\u00e9x'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 })), (text) => {
        try {
          const conditions = parseWhere(text);
          expect(conditions.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof WhereSyntaxError)) throw error;
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000, ...propertySeed() },
    );
  });
});
