import { describe, expect, it } from 'vitest';
import { repairValue } from './repair-value';

describe('repairValue', () => {
  it('joins a hash wrapped over lines, with a note', () => {
    // An ssdeep as MISP's web view wraps it when copied into an attribute.
    const wrapped = '3072:Zl5rCBYfu9iP4eGTlJ1bP3qv1SVT/:Zl5rCBYfu9\n iP4eGTlJ1bP3qv1SVT/';
    expect(repairValue(wrapped, 'ssdeep')).toEqual({
      value: '3072:Zl5rCBYfu9iP4eGTlJ1bP3qv1SVT/:Zl5rCBYfu9iP4eGTlJ1bP3qv1SVT/',
      note: expect.stringContaining('had whitespace inside a ssdeep hash'),
    });
    expect(repairValue('44d88612fea8a8f3 6de82e1278abb02f', undefined)?.value).toBe('44d88612fea8a8f36de82e1278abb02f');
  });

  it('joins a URL broken before its path or over lines, never inside its path', () => {
    expect(repairValue('http://evil.example /gate.php', undefined)).toEqual({
      value: 'http://evil.example/gate.php',
      note: '"http://evil.example /gate.php" had whitespace inside a URL; read as http://evil.example/gate.php',
    });
    expect(repairValue('https://cdn.evil.example/a/very/long/\r\npath.php', 'url')?.value).toBe('https://cdn.evil.example/a/very/long/path.php');
    expect(repairValue('https://evil.example/some path.php', 'url')).toBeNull();
    expect(repairValue('two words', undefined)).toBeNull();
  });

  it('reads a comma typed for the last dot of a name, only when the result is a name', () => {
    expect(repairValue('evil.example,com', 'domain')).toEqual({ value: 'evil.example.com', note: '"evil.example,com" has a comma for a dot; read as evil.example.com' });
    expect(repairValue('example,com', undefined)?.value).toBe('example.com');
    expect(repairValue('hxxp://evil.example,com/x', 'url')?.value).toBe('hxxp://evil.example.com/x');
    expect(repairValue('Paris,France', undefined)).toBeNull();
    expect(repairValue('evil.example,com', 'md5')).toBeNull();
  });
});
