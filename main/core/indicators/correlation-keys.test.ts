import { describe, expect, it } from 'vitest';
import { correlationKeys } from './correlation-keys';

describe('correlationKeys', () => {
  it('gives names, URLs and email addresses their registrable domain', () => {
    expect(correlationKeys('domain', 'a.b.evil.co.uk').registrableDomain).toBe('evil.co.uk');
    expect(correlationKeys('hostname', 'mail.evil.example').registrableDomain).toBe('evil.example');
    expect(correlationKeys('url', 'http://cdn.evil.com/gate.php').registrableDomain).toBe('evil.com');
    expect(correlationKeys('email', 'boss@payroll.evil.org').registrableDomain).toBe('evil.org');
  });

  it('gives IPv4 addresses and networks their numeric range', () => {
    expect(correlationKeys('ipv4', '10.0.0.5')).toEqual({ registrableDomain: null, ipStart: 167772165, ipEnd: 167772165 });
    expect(correlationKeys('cidr', '10.0.0.0/24')).toEqual({ registrableDomain: null, ipStart: 167772160, ipEnd: 167772415 });
  });

  it('has no keys for IPv6, hashes, URLs on a bare IP or a bare suffix', () => {
    const none = { registrableDomain: null, ipStart: null, ipEnd: null };
    expect(correlationKeys('cidr', '2001:db8::/32')).toEqual(none);
    expect(correlationKeys('md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual(none);
    expect(correlationKeys('url', 'http://192.0.2.7/x')).toEqual(none);
    expect(correlationKeys('domain', 'co.uk')).toEqual(none);
  });
});
