import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalizeUntyped } from './canonicalize';
import type { IndicatorType } from './indicator-type';
import { propertySeed } from '../../../test/helpers/property-seed';

function ok(type: IndicatorType, raw: string) {
  const r = canonicalize(type, raw);
  if (!r.ok) throw new Error(`${type} ${raw}: ${r.reason}`);
  return r;
}

describe('canonicalize', () => {
  it.each<[IndicatorType, string, string]>([
    ['domain', 'Evil[.]COM.', 'evil.com'],
    ['domain', 'bücher.de', 'xn--bcher-kva.de'],
    ['hostname', 'MAIL.Evil.co.uk', 'mail.evil.co.uk'],
    ['url', 'hxxps://Evil[.]com:443/a/../b?x=1', 'https://evil.com/b?x=1'],
    ['url', 'HTTP://evil.com:80', 'http://evil.com/'],
    ['url', 'evil.com/path', 'http://evil.com/path'],
    // A colon lost in copying (Citizen Lab's lists), and a bidi mark pasted after a link (Sophos).
    ['url', 'http//www.evil.com/2bKr8Z', 'http://www.evil.com/2bKr8Z'],
    ['url', 'https://evil.com/a/ \u200E', 'https://evil.com/a/'],
    ['sha1', '\u200B3395856CE81F2B7382DEE72602F798B642F14140\u200F', '3395856ce81f2b7382dee72602f798b642f14140'],
    ['filename', '\u202Ainvoice.pdf.exe\u202C ', 'invoice.pdf.exe'],
    ['ipv4', '8.8.8.8', '8.8.8.8'],
    ['ipv4', '8[.]8[.]8[.]8', '8.8.8.8'],
    ['ipv6', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['ipv6', '[2001:0db8::0001]', '2001:db8::1'],
    ['ipv6', '::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['cidr', '10.1.2.3/8', '10.0.0.0/8'],
    ['cidr', '1.2.3.4', '1.2.3.4/32'],
    ['cidr', '2001:db8::1/32', '2001:db8::/32'],
    ['email', 'John.Doe[@]Evil[.]COM', 'John.Doe@evil.com'],
    ['email', 'mailto:a@b.org', 'a@b.org'],
    ['md5', ' D41D8CD98F00B204E9800998ECF8427E ', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['sha1', '3395856CE81F2B7382DEE72602F798B642F14140', '3395856ce81f2b7382dee72602f798b642f14140'],
    ['ja3', 'E7D705A3286E19EA42F587B344EE6865', 'e7d705a3286e19ea42f587b344ee6865'],
    ['ssdeep', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C,"file.exe"', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C'],
    ['asn', 'as12345', 'AS12345'],
    ['asn', '12345', 'AS12345'],
    ['asn', 'ASN 12345', 'AS12345'],
    ['asn', 'AS1.10', 'AS65546'],
    ['cve', 'cve-2021-44228', 'CVE-2021-44228'],
    ['registry-key', 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\', 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'],
    ['registry-key', 'hkcu:\\\\Software\\\\Evil', 'HKEY_CURRENT_USER\\Software\\Evil'],
    ['crypto-wallet', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['crypto-wallet', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['crypto-wallet', '0xDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE', '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae'],
    ['mutex', '  Global\\MsWinZonesCacheCounterMutexA ', 'Global\\MsWinZonesCacheCounterMutexA'],
    ['filename', ' invoice[.]pdf.exe ', 'invoice[.]pdf.exe'],
  ])('%s %s → %s', (type, raw, expected) => {
    expect(ok(type, raw).value).toBe(expected);
  });

  it.each<[IndicatorType, string, RegExp]>([
    ['ipv4', '010.1.1.1', /leading zero/],
    ['ipv4', '256.1.1.1', /leading zero or above 255/],
    ['ipv4', '1.2.3', /dotted-quad/],
    ['ipv6', 'fe80::1%eth0', /zone/],
    ['cidr', '1.2.3.4/33', /above 32/],
    ['domain', 'localhost', /two labels/],
    ['domain', '-bad.com', /invalid label/],
    ['domain', '1.2.3.4', /IPv4/],
    ['url', 'http://', /not a valid URL/],
    ['url', 'http://0ee307c.wcomhost.com/wp-content/plugins/pass.php\u2026', /truncated/],
    ['url', 'http://0ee307c.wcomhost.com/wp-content/pass.php%E2%80%A6', /truncated/],
    ['md5', 'xyz', /hexadecimal/],
    ['sha256', 'abcd', /64 hex/],
    ['ssdeep', '5:abc:def', /3 \* 2\^n/],
    ['asn', 'AS99999999999', /ASN/],
    ['cve', 'CVE-21-1', /CVE id/],
    ['crypto-wallet', 'hello', /Bitcoin/],
    ['user-agent', '   ', /empty/],
  ])('refuses %s %s', (type, raw, reason) => {
    const r = canonicalize(type, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('flags without dropping', () => {
    expect(ok('ipv4', '192.168.1.1').flags).toContain('private-ip');
    expect(ok('ipv4', '100.64.0.1').flags).toContain('private-ip');
    expect(ok('ipv4', '203.0.113.5').flags).toContain('private-ip');
    expect(ok('ipv4', '8.8.8.8').flags).toEqual([]);
    expect(ok('ipv6', 'fd00::1').flags).toContain('private-ip');
    expect(ok('ipv6', '::ffff:10.0.0.1').flags).toContain('private-ip');
    expect(ok('cidr', '10.1.2.3/8').flags).toEqual(['private-ip', 'host-bits-set']);
    expect(ok('domain', 'www.example.com').flags).toContain('reserved-name');
    expect(ok('domain', 'foo.test').flags).toContain('reserved-name');
    expect(ok('domain', 'foo.notatld').flags).toContain('unknown-tld');
    expect(ok('domain', 'invoice.zip').flags).toContain('file-like-name');
    expect(ok('url', 'http://10.0.0.1/x').flags).toContain('private-ip');
    const idn = ok('domain', 'bücher.de');
    expect(idn.flags).toContain('idn');
    expect(idn.display).toBe('bücher.de');
    expect(ok('url', 'http://例え.jp/').display).toBe('http://例え.jp/');
    expect(ok('email', 'a@bücher.de').display).toBe('a@bücher.de');
  });

  it('canonicalizeUntyped detects then canonicalises', () => {
    const r = canonicalizeUntyped('hxxp://Evil[.]com');
    expect(r.ok && r.type === 'url' && r.value === 'http://evil.com/').toBe(true);
    expect(canonicalizeUntyped('hello world').ok).toBe(false);
  });

  it('is idempotent', () => {
    const samples: fc.Arbitrary<[IndicatorType, string]> = fc.oneof(
      fc.domain().map((v): [IndicatorType, string] => ['domain', v]),
      fc.webUrl({ withQueryParameters: true, withFragments: true }).map((v): [IndicatorType, string] => ['url', v]),
      fc.ipV4().map((v): [IndicatorType, string] => ['ipv4', v]),
      fc.ipV6().map((v): [IndicatorType, string] => ['ipv6', v]),
      fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]): [IndicatorType, string] => ['cidr', `${a}/${p}`]),
      fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]): [IndicatorType, string] => ['cidr', `${a}/${p}`]),
      fc.emailAddress().map((v): [IndicatorType, string] => ['email', v]),
      fc.stringMatching(/^[0-9a-fA-F]{64}$/).map((v): [IndicatorType, string] => ['sha256', v]),
      fc.stringMatching(/^(?:AS|as|ASN )?\d{1,9}$/).map((v): [IndicatorType, string] => ['asn', v]),
      fc.string().map((v): [IndicatorType, string] => ['mutex', v]),
    );
    fc.assert(
      fc.property(samples, ([type, raw]) => {
        const first = canonicalize(type, raw);
        if (!first.ok) return;
        const second = canonicalize(first.type, first.value);
        // host-bits-set describes the source's spelling, so the canonical form no longer has it.
        expect(second).toEqual({ ...first, flags: first.flags.filter((f) => f !== 'host-bits-set') });
      }),
      { numRuns: 2000, ...propertySeed() },
    );
  });

  it('never throws on arbitrary input', () => {
    const types: IndicatorType[] = ['ipv4', 'ipv6', 'cidr', 'domain', 'hostname', 'url', 'email', 'md5', 'ssdeep', 'asn', 'cve', 'registry-key', 'crypto-wallet', 'filename'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (type, raw) => {
        canonicalize(type, raw);
      }),
      { numRuns: 3000, ...propertySeed() },
    );
  });
});
