import { describe, expect, it } from 'vitest';
import { detectType } from './detect-type';
import type { IndicatorType } from './indicator-type';

describe('detectType', () => {
  it.each<[string, IndicatorType | null]>([
    ['hxxp://a[.]b.com/x', 'url'],
    ['https://evil.com', 'url'],
    ['user@evil.com', 'email'],
    ['user[@]evil[.]com', 'email'],
    ['1.2.3.4', 'ipv4'],
    ['1.2.3[.]4', 'ipv4'],
    ['01.2.3.4', null],
    ['1.2.3.0/24', 'cidr'],
    ['2001:db8::/32', 'cidr'],
    ['::1', 'ipv6'],
    ['[2001:db8::1]', 'ipv6'],
    ['44d88612fea8a8f36de82e1278abb02f', 'md5'],
    ['3395856ce81f2b7382dee72602f798b642f14140', 'sha1'],
    ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'sha256'],
    ['a'.repeat(128), 'sha512'],
    ['abcdef', null],
    ['3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C', 'ssdeep'],
    ['CVE-2020-1234', 'cve'],
    ['AS123', 'asn'],
    ['ASN 123', 'asn'],
    ['12345', null],
    ['HKLM\\Software\\Run', 'registry-key'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'crypto-wallet'],
    ['0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae', 'crypto-wallet'],
    ['google.com', 'domain'],
    ['mail.google.com', 'hostname'],
    ['foo.blogspot.com', 'domain'],
    ['a.foo.blogspot.com', 'hostname'],
    // Hosts a provider hands out under a private-section wildcard (ThreatFox C2s).
    ['ec2-44-217-89-101.compute-1.amazonaws.com', 'hostname'],
    ['solution-fiscal.at.ply.gg', 'hostname'],
    ['x.co.uk', 'domain'],
    ['bücher.de', 'domain'],
    ['roatanforareason[.]com/wp-content/plugins/fix/TreeSizeFreeSetup.zip', 'url'],
    ['198.51.100.7/gate.php', 'url'],
    ['evil.com/', null],
    ['2024/01/02', null],
    ['precizeabrilliant[,]com', 'domain'],
    ['readme.txt', null],
    ['foo.notatld', null],
    ['hello', null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(detectType(value)).toBe(expected);
  });
});
