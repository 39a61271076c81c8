import { describe, expect, it } from 'vitest';
import { defangValue } from './defang';

describe('defangValue', () => {
  it('defangs network indicators the way the core does', () => {
    expect(defangValue('url', 'https://evil.com/a.php')).toBe('hxxps://evil[.]com/a[.]php');
    expect(defangValue('domain', 'evil.com')).toBe('evil[.]com');
    expect(defangValue('email', 'a.b@evil.com')).toBe('a[.]b[@]evil[.]com');
    expect(defangValue('cidr', '2001:db8::/32')).toBe('2001:db8::/32');
    expect(defangValue('md5', 'abc.def')).toBe('abc.def');
  });
});
