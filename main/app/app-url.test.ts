import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, resolveAppPath } from './app-url';

const root = resolve('/srv/out/renderer');

describe('resolveAppPath', () => {
  it('maps our URLs to files inside the renderer build', () => {
    expect(resolveAppPath(root, 'app://liaison/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://liaison/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://liaison/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://liaison/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('keeps dot segments inside the root (URL parsing removes them before the path is resolved)', () => {
    expect(resolveAppPath(root, 'app://liaison/../../main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(resolveAppPath(root, 'app://liaison/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('refuses traversal, encoded separators, NUL and other hosts or schemes', () => {
    for (const url of [
      'app://liaison/assets/..%2f..%2fsecret',
      'app://liaison/assets/..%5c..%5csecret',
      'app://liaison/index.html%00.js',
      'app://liaison/%E0%A4%A',
      'app://other/index.html',
      'file:///srv/out/renderer/index.html',
      'https://liaison/index.html',
      'not a url',
    ]) {
      expect(resolveAppPath(root, url), url).toBeUndefined();
    }
  });
});

describe('isAppUrl', () => {
  it('accepts only our origin, not look-alikes', () => {
    expect(isAppUrl('app://liaison/index.html')).toBe(true);
    expect(isAppUrl('app://liaison.evil/index.html')).toBe(false);
    expect(isAppUrl('app://liaisonx/')).toBe(false);
    expect(isAppUrl('https://liaison/')).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows nothing inline, nothing remote and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});
