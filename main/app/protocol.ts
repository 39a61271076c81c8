import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { protocol } from 'electron';
import { rendererContentType } from '../host/renderer-policy';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isInside, resolveAppPath } from './app-url';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
} as const;


/** Must run before `app` is ready: privileges cannot be granted to a scheme afterwards. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and origins resolve like https; secure: a secure context. Module scripts
    // are fetched in CORS mode, which needs supportFetchAPI; corsEnabled stays off, so no other origin can
    // read app:// responses. No service workers, no CSP bypass, no streaming.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function respond(status: number, body: Uint8Array | null, contentType?: string): Response {
  const headers = new Headers(SECURITY_HEADERS);
  if (contentType) headers.set('Content-Type', contentType);
  return new Response(body, { status, headers });
}

/** Serves `app://liaison/…` from the renderer build only, with the CSP on every response. */
export function handleAppScheme(rendererRoot: string): void {
  const root = resolve(rendererRoot);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return respond(405, null);
    const file = resolveAppPath(root, request.url);
    const type = file === undefined ? undefined : rendererContentType(file);
    if (file === undefined || type === undefined) return respond(404, null);
    try {
      // A symlink inside the build must not lead outside it either.
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
      if (!isInside(realRoot, realFile)) return respond(404, null);
      return respond(200, new Uint8Array(await readFile(realFile)), type);
    } catch {
      return respond(404, null);
    }
  });
}

