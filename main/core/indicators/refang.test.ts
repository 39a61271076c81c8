import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastestTimings } from '../../../test/helpers/growth-timing';
import { canonicalize } from './canonicalize';
import { defang, refang, refangValue, refangWithOffsets } from './refang';
import { propertySeed } from '../../../test/helpers/property-seed';

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]com', 'http://evil.com'],
    ['hXXps://evil(.)com/a', 'https://evil.com/a'],
    ['fxp://files{.}example[.]org', 'ftp://files.example.org'],
    ['evil[dot]com', 'evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['evil [.] com', 'evil.com'],
    ['user[@]evil[.]com', 'user@evil.com'],
    ['user[at]evil(.)com', 'user@evil.com'],
    ['user(at)evil.com', 'user@evil.com'],
    ['http[:]//evil.com', 'http://evil.com'],
    ['http[://]evil.com[/]x', 'http://evil.com/x'],
    ['evil\\.com', 'evil.com'],
    ['ev\u200bil.c\u200dom', 'evil.com'],
    ['1.2.3[.]4', '1.2.3.4'],
    ['h**ps://x[.]io', 'https://x.io'],
    // A label spelled like a defanged scheme is only a scheme before ':': these hosts keep their names.
    ['fxp[.]example[.]com', 'fxp.example.com'],
    ['cdn.hxxp(.)evil[.]com', 'cdn.hxxp.evil.com'],
    ['mirror-fxxp[dot]net', 'mirror-fxxp.net'],
  ])('%s → %s', (input, expected) => {
    expect(refang(input)).toBe(expected);
  });

  it('leaves prose words alone', () => {
    expect(refang('the hxxp word and a dot in prose')).toBe('the hxxp word and a dot in prose');
  });

  it('accepts word forms only for single values', () => {
    expect(refangValue('evil dot com')).toBe('evil.com');
    expect(refangValue('john at evil dot com')).toBe('john@evil.com');
    expect(refang('evil dot com')).toBe('evil dot com');
  });

  it('maps refanged offsets back to the input', () => {
    const { text, offsets } = refangWithOffsets('see evil[.]com now');
    expect(text).toBe('see evil.com now');
    expect(offsets).not.toBeNull();
    const start = text.indexOf('evil');
    const end = start + 'evil.com'.length;
    expect('see evil[.]com now'.slice(offsets!.at(start), offsets!.at(end))).toBe('evil[.]com');
  });

  it('finds by hand (refangWithOffsets) exactly what the pattern finds (refang), and maps every kept character back', () => {
    // The characters every defanging mark is made of, and a few others around them.
    const unit = fc.constantFrom(...'hHxXtTpPsSfF*_:[](){}.,@aAdDoO /\\\u200b\u200d\u2060\ufeff\u00adeE1-'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (input) => {
        const { text, offsets: map } = refangWithOffsets(input);
        expect(text).toBe(refang(input));
        if (map === null) {
          expect(text).toBe(input);
          return;
        }
        const offsets = Array.from({ length: text.length + 1 }, (_, i) => map.at(i));
        expect(offsets).toHaveLength(text.length + 1);
        expect(offsets[text.length]).toBe(input.length);
        for (let i = 0; i < text.length; i++) {
          expect(offsets[i]).toBeGreaterThanOrEqual(i > 0 ? offsets[i - 1]! : 0);
          // A character refanging kept maps onto itself; one it wrote maps onto the start of its mark, and
          // the text refanged from there is the rest of the output from the mark's first character on.
          if (input[offsets[i]!] !== text[i]) expect(refang(input.slice(offsets[i]!))).toBe(text.slice(offsets.indexOf(offsets[i]!)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['hxxps[:]//a', 'https://a'],
    ['xhxxp://a', 'xhxxp://a'],
    ['(hxxp://a)', '(http://a)'],
    ['hxxpsx://a', 'hxxpsx://a'],
    ['fxxp(a', 'fxxp(a'],
    ['fxxp(:)//a', 'ftp(:)//a'],
    ['a [at] b [dot] c', 'a@b.c'],
    ['a  [.]  b', 'a . b'],
    ['a(,)b [,] c', 'a(,)b.c'],
    ['H__PS:x h**p[x', 'https:x h**p[x'],
    ['a(AT}b [dot) c', 'aatbdotc'],
  ])('refangWithOffsets(%s) reads %s', (input, expected) => {
    expect(refangWithOffsets(input).text).toBe(expected);
    expect(refang(input)).toBe(expected);
  });

  it('is linear on adversarial input', async () => {
    const unit = '[.][@](.)[dot]\\.hxxp[:]';
    const small = unit.repeat(5_000);
    const large = unit.repeat(80_000);
    refang(small); // warm-up: the first call's time is mostly the JIT's
    const ms = await fastestTimings(() => refang(small), () => refang(large));
    // 16x input: quadratic would be ≈ 256x. Linear measures 16-35x on a loaded 2-core machine (a 2 MB string
    // costs more than its length in GC), so 80x keeps a wide margin on both sides. A 4x step with a 10x
    // bound, as before, saw ratios up to 13.6 once warm: it passed only while the JIT inflated the small run.
    expect(ms.large).toBeLessThan(80 * ms.small);
  });
});

describe('defang', () => {
  it('defangs for display', () => {
    expect(defang('url', 'https://evil.com/a.php')).toBe('hxxps://evil[.]com/a[.]php');
    expect(defang('url', 'ftp://a.b/')).toBe('fxp://a[.]b/');
    expect(defang('email', 'a.b@evil.com')).toBe('a[.]b[@]evil[.]com');
    expect(defang('ipv4', '1.2.3.4')).toBe('1[.]2[.]3[.]4');
    expect(defang('md5', 'd41d8cd98f00b204e9800998ecf8427e')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('refangs a defanged domain whose first label looks like a defanged scheme to itself (fast-check counterexample)', () => {
    expect(refangValue(defang('domain', 'fxp.aa'))).toBe('fxp.aa');
    expect(refangValue(defang('url', 'http://hxxps.example/'))).toBe('http://hxxps.example/');
  });

  it('refang(defang(v)) === v for canonical values', () => {
    const domain = fc.domain().map((d) => canonicalize('domain', d)).filter((r) => r.ok);
    const url = fc.webUrl().map((u) => canonicalize('url', u)).filter((r) => r.ok);
    const ip = fc.ipV4().map((v) => canonicalize('ipv4', v)).filter((r) => r.ok);
    const email = fc.emailAddress().map((v) => canonicalize('email', v)).filter((r) => r.ok);
    fc.assert(
      fc.property(fc.oneof(domain, url, ip, email), (r) => {
        if (!r.ok) return;
        expect(refangValue(defang(r.type, r.value))).toBe(r.value);
      }),
      { numRuns: 500, ...propertySeed() },
    );
  });
});
