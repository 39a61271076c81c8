import { describe, expect, it } from 'vitest';
import { categoryField, classifyWarninglist, knownKind, suggestedStatusFor } from './warninglist-category';
import { parseWarninglist } from './warninglist-file';

const list = (name: string, type = 'string', entries: string[] = [], description = '') => ({ name, description, type, entries });

describe('warninglist categories (issue #17.2: advice told analysts to dismiss real C2s)', () => {
  it('classifies the standard lists that hold known identifiers attackers use too as "known"', () => {
    // An AsyncRAT C2 on a VPN range, a NOBELIUM C2 on a top-100k list, a trycloudflare host, dynamic-DNS domains.
    for (const name of [
      'Specialized list of IPv4 addresses belonging to common VPN providers and datacenters',
      'Top 100k websites from Cisco Umbrella',
      'Top 1000 website from Alexa',
      'List of known Cloudflare IP ranges',
      'List of known Amazon AWS IP address ranges',
      'List of known Akamai IP ranges',
      'List of known dynamic DNS providers',
      'List of known hosting providers',
      'List of known IPv4 public DNS resolvers',
      'List of known URL Shorteners domains',
      'Fingerprint of trusted certificates abused by attackers',
      'List of known Windows 10 connection endpoints',
      'Some partner list nobody has seen before',
    ]) {
      expect([name, classifyWarninglist(list(name))]).toEqual([name, 'known']);
    }
  });

  it('classifies lists of values that are never indicators as "false-positive", by name or by content', () => {
    for (const name of [
      'List of RFC 1918 CIDR blocks',
      'List of RFC 5735 CIDR blocks',
      'List of RFC 6761 Special-Use Domain Names',
      'List of IPv4 bogon address ranges',
      'List of known hashes with common false-positives (based on Florian Roth input list)',
      'Hashes of empty files',
      'TLDs as known by IANA',
    ]) {
      expect([name, classifyWarninglist(list(name))]).toEqual([name, 'false-positive']);
    }
    // Documentation, multicast and link-local ranges with a name that says nothing.
    expect(classifyWarninglist(list('Example networks', 'cidr', ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '224.0.0.0/4', 'fe80::/10']))).toBe('false-positive');
    // One public address makes it a list of real identifiers; 0.0.0.0/0 is not "unspecified".
    expect(classifyWarninglist(list('Example networks', 'cidr', ['192.0.2.0/24', '8.8.8.0/24']))).toBe('known');
    expect(classifyWarninglist(list('Example networks', 'cidr', ['0.0.0.0/0']))).toBe('known');
    // "Private" in a VPN product's name is not a private range.
    expect(classifyWarninglist(list('Private Internet Access VPN exits', 'cidr', ['185.220.101.0/24']))).toBe('known');
  });

  it('honours a category field (both MISP spellings) over the classifier', () => {
    expect(categoryField('false_positive')).toBe('false-positive');
    expect(categoryField('False-Positive')).toBe('false-positive');
    expect(categoryField('known')).toBe('known');
    expect(categoryField('other')).toBeUndefined();
    const stated = parseWarninglist('{"name":"List of RFC 1918 CIDR blocks","version":1,"type":"cidr","category":"known","list":["10.0.0.0/8"]}', 'a');
    expect(stated).toMatchObject({ category: 'known', categorySource: 'file' });
    const classified = parseWarninglist('{"name":"List of known VPN ranges","version":1,"type":"cidr","list":["185.220.101.0/24"]}', 'b');
    expect(classified).toMatchObject({ category: 'known', categorySource: 'classified' });
    // Before: a list without the field was "false-positive", so every VPN hit suggested a dismissal.
    expect(parseWarninglist('{"name":"Top 100k websites from Cisco Umbrella","version":1,"type":"hostname","list":["x.com"]}', 'c').category).toBe('known');
  });

  it('only false-positive lists suggest a status; a known list names what it holds', () => {
    expect(suggestedStatusFor('false-positive')).toBe('false-positive');
    expect(suggestedStatusFor('known')).toBeNull();
    expect(knownKind('Specialized list of IPv4 addresses belonging to common VPN providers and datacenters')).toBe('VPN, proxy and Tor endpoints');
    expect(knownKind('List of known dynamic DNS providers')).toBe('dynamic DNS domains');
    expect(knownKind('Top 100k websites from Cisco Umbrella')).toBe('popular sites');
    expect(knownKind('Partner list')).toBe('identifiers');
  });
});
