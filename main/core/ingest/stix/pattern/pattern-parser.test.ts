import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatObjectPath, listComparisons } from './pattern-ast';
import { extractPatternIndicators } from './pattern-indicators';
import { parseStixPattern } from './pattern-parser';
import { StixPatternError } from './pattern-tokenizer';
import { propertySeed } from '../../../../../test/helpers/property-seed';

function indicatorsOf(pattern: string): Array<[string, string]> {
  return extractPatternIndicators(parseStixPattern(pattern)).indicators.map((i) => [i.type, i.value]);
}

describe('parseStixPattern', () => {
  it('parses observation operators, qualifiers and precedence (AND over OR over FOLLOWEDBY)', () => {
    const ast = parseStixPattern("[a:x = 1] AND [a:y = 2] OR [a:z = 3] FOLLOWEDBY [b:w = 'q'] WITHIN 60 SECONDS REPEATS 2 TIMES");
    expect(ast.type).toBe('followedby');
    if (ast.type !== 'followedby') return;
    expect(ast.operands[0]!.type).toBe('or');
    const last = ast.operands[1]!;
    expect(last.type === 'qualified' && last.qualifier).toEqual({ kind: 'repeats', times: 2 });
  });

  it('reads START/STOP, hex, binary, timestamps, booleans, negative numbers, EXISTS and NOT', () => {
    const pattern =
      "[file:x = h'0a1B' AND file:y = b'SGVsbG8=' AND file:z = b64'SGk=' AND file:t > t'2024-01-01T00:00:00.123Z' AND file:b = true AND file:n < -4.5 AND EXISTS file:name AND file:size NOT = 3] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'";
    const values = listComparisons(parseStixPattern(pattern)).map((c) => c.value);
    expect(values).toEqual([
      { kind: 'hex', value: '0a1B' },
      { kind: 'binary', value: 'SGVsbG8=' },
      { kind: 'binary', value: 'SGk=' },
      { kind: 'timestamp', value: '2024-01-01T00:00:00.123Z' },
      { kind: 'bool', value: true },
      { kind: 'float', value: -4.5, text: '-4.5' },
      { kind: 'int', value: 3, text: '3' },
    ]);
  });

  it('keeps quoted path components and list indexes', () => {
    const [first, second] = listComparisons(parseStixPattern("[file:hashes.'SHA-256' = 'ab' AND email-message:to_refs[*].value = 'x@y.example']"));
    expect(formatObjectPath(first!.path)).toBe("file:hashes.'SHA-256'");
    expect(formatObjectPath(second!.path)).toBe('email-message:to_refs[*].value');
  });

  it('unescapes \\\' and \\\\ in strings', () => {
    expect(indicatorsOf("[mutex:name = 'it\\'s'] OR [windows-registry-key:key = 'HKLM\\\\Run']")).toEqual([
      ['mutex', "it's"],
      ['registry-key', 'HKLM\\Run'],
    ]);
  });

  it.each([
    ["[ipv4-addr:value = '1.2.3.4'", 28],
    ["[ipv4-addr:value = '1.2.3.4] ", 19],
    ['[ipv4-addr:value = ]', 19],
    ["[ipv4-addr:value ~ '1']", 17],
    ["[ipv4-addr:value = '1'] WITHIN 0 SECONDS", 31],
    ["[file:x = h'abc']", 10],
    ["[file:t = t'2024-01-01']", 10],
    ["ipv4-addr:value = '1'", 0],
  ])('rejects %j at character %i', (pattern, position) => {
    expect(() => parseStixPattern(pattern)).toThrow(StixPatternError);
    try {
      parseStixPattern(pattern);
    } catch (error) {
      expect((error as StixPatternError).position).toBe(position);
    }
  });

  it('refuses hostile nesting with its own error, not a stack overflow', () => {
    expect(() => parseStixPattern(`${'('.repeat(100_000)}[a:b = 1]${')'.repeat(100_000)}`)).toThrow(/nested deeper than 64/);
    expect(() => parseStixPattern(`[${'('.repeat(100_000)}a:b = 1${')'.repeat(100_000)}]`)).toThrow(StixPatternError);
  });

  it('never throws anything but StixPatternError on random input', () => {
    const alphabet = fc.constantFrom(...`[]()':.,*=!<>-_ aAbhtFOLWEDBYNINTXSRPMCHU019\\`.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 })), (text) => {
        try {
          parseStixPattern(text);
        } catch (error) {
          expect(error).toBeInstanceOf(StixPatternError);
        }
      }),
      { numRuns: 2000, ...propertySeed() },
    );
  });

  it('round-trips the comparisons of generated patterns', () => {
    const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    const path = fc.record({ objectType: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), steps: fc.array(fc.oneof(ident, fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 3 }) });
    const comparison = fc.record({ path, value: fc.string({ maxLength: 12 }), operator: fc.constantFrom('=', '!=', 'LIKE', 'MATCHES') });
    const observation = fc.array(comparison, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 4 }), fc.constantFrom(' AND ', ' OR ', ' FOLLOWEDBY '), fc.constantFrom(' AND ', ' OR '), (observations, obsOp, cmpOp) => {
        const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
        const text = observations
          .map((comparisons) => `[${comparisons.map((c) => `${formatObjectPath({ objectType: c.path.objectType, steps: c.path.steps.map((name) => ({ kind: 'property', name })) })} ${c.operator} ${quote(c.value)}`).join(cmpOp)}]`)
          .join(obsOp);
        const parsed = listComparisons(parseStixPattern(text)).map((c) => [c.path.objectType, c.path.steps.map((s) => (s.kind === 'property' ? s.name : s.index)), c.operator, (c.value as { value: unknown }).value]);
        expect(parsed).toEqual(observations.flat().map((c) => [c.path.objectType, c.path.steps, c.operator, c.value]));
      }),
      { numRuns: 500, ...propertySeed() },
    );
  });
});

describe('extractPatternIndicators', () => {
  it('maps equality and IN members to indicator types, and skips what is not an indicator', () => {
    const result = extractPatternIndicators(
      parseStixPattern(
        "[ipv4-addr:value IN ('198.51.100.1', '203.0.113.0/24') AND ipv6-addr:value = '2001:db8::1' AND autonomous-system:number = 64500 AND file:hashes.SHA1 = 'aa' AND file:hashes.'SHA3-256' = 'bb'] OR [url:value != 'http://a.example/' AND domain-name:value MATCHES '^evil' AND x509-certificate:serial_number = '01' AND network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'c2.example.net' AND file:size = 291840]",
      ),
    );
    expect(result.indicators.map((i) => [i.type, i.value])).toEqual([
      ['ipv4', '198.51.100.1'],
      ['cidr', '203.0.113.0/24'],
      ['ipv6', '2001:db8::1'],
      ['asn', '64500'],
      ['sha1', 'aa'],
      ['domain', 'c2.example.net'],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'hash algorithm SHA3-256 has no indicator type',
      '!= describes what does not match; not an indicator',
      'MATCHES is a fuzzy match; not a single indicator value',
      'x509 certificate properties other than its hashes are not imported as indicators',
      'no indicator type',
    ]);
    expect(result.skipped.at(-1)?.typeHint).toBe('file:size');
  });

  it("reads a certificate's fingerprint and what a name resolves to", () => {
    const result = extractPatternIndicators(
      parseStixPattern("[x509-certificate:hashes.'SHA-1' = '3395856ce81f2b7382dee72602f798b642f14140'] OR [domain-name:value = 'lantern.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.14']"),
    );
    expect(result.indicators.map((i) => [i.type, i.value, i.typeHint])).toEqual([
      ['sha1', '3395856ce81f2b7382dee72602f798b642f14140', "x509-certificate:hashes.'SHA-1'"],
      ['domain', 'lantern.example', 'domain-name:value'],
      ['ipv4', '198.51.100.14', 'domain-name:resolves_to_refs[*].value'],
    ]);
  });

  it('reads ISSUBSET on an address as the network it names, and no other set comparison', () => {
    const result = extractPatternIndicators(
      parseStixPattern(
        "[ipv4-addr:value ISSUBSET '198.51.100.0/24' OR network-traffic:dst_ref.value ISSUBSET '2001:db8::/32' OR network-traffic:dst_ref.value ISSUBSET 'c2.example.net' OR domain-name:value ISSUBSET 'example.org' OR ipv4-addr:value ISSUPERSET '198.51.100.7'] AND [ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']",
      ),
    );
    expect(result.indicators.map((i) => [i.type, i.value])).toEqual([
      ['cidr', '198.51.100.0/24'],
      ['cidr', '2001:db8::/32'],
    ]);
    expect(result.skipped.map((s) => [s.typeHint, s.reason])).toEqual([
      ['network-traffic:dst_ref.value', 'ISSUBSET of something that is not a network'],
      ['domain-name:value', 'ISSUBSET compares a range; not an indicator value'],
      ['ipv4-addr:value', 'ISSUPERSET compares a range; not an indicator value'],
      ['ipv4-addr:value', 'NOT ISSUBSET describes what does not match; not an indicator'],
    ]);
  });
});
