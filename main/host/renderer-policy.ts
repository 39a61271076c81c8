import { extname } from 'node:path';

/**
 * The renderer's Content-Security-Policy, the same for the Electron window (app://) and the browser host.
 * The build is bundled module scripts and stylesheets only (no inline script, no eval, nothing remote), so
 * 'self' covers it; React sets element styles through the CSSOM, which style-src does not govern.
 * `frame-ancestors` only works as a header, which both transports send.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only what a Vite build of the renderer emits; anything else is not ours to serve. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type to serve a renderer file with, or undefined when the file is not one we serve. */
export function rendererContentType(file: string): string | undefined {
  return CONTENT_TYPES[extname(file).toLowerCase()];
}
