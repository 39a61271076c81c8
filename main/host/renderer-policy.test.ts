import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rendererContentType } from './renderer-policy';

describe('renderer policy', () => {
  it('index.html carries the same CSP as the headers (minus frame-ancestors, which a meta tag cannot set)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('serves only the file types a renderer build emits', () => {
    expect(rendererContentType('assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(rendererContentType('index.HTML')).toBe('text/html; charset=utf-8');
    expect(rendererContentType('payload.exe')).toBeUndefined();
  });
});
