import { isAbsolute, relative, resolve } from 'node:path';

// Electron-free so it is unit-tested under plain Node (app-url.test.ts).

export const APP_SCHEME = 'app';
export const APP_HOST = 'liaison';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY } from '../host/renderer-policy';

/** Whether `file` is strictly inside `root` (both absolute and normalised). */
export function isInside(root: string, file: string): boolean {
  const inside = relative(root, file);
  return inside !== '' && inside !== '..' && !inside.startsWith('../') && !inside.startsWith('..\\') && !isAbsolute(inside);
}

/** Whether a URL is one of our own pages (used for navigation and IPC sender checks). */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Maps a request URL to a file inside `root`, or undefined when it names anything else: another host, an
 * encoded separator or NUL, or a path that escapes the root after normalisation.
 */
export function resolveAppPath(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  // No built asset needs an encoded separator, backslash or NUL; refusing them closes %2e%2e%2f tricks early.
  if (/%2f|%5c|%00/i.test(url.pathname)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(pathname)) return undefined;
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return isInside(root, file) ? file : undefined;
}
