import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../renderer-policy';


export { CONTENT_SECURITY_POLICY };

export const TOKEN_HEADER = 'x-liaison-token';

/** 256 bits from the OS CSPRNG, hex so it is safe in a URL, a cookie and an HTML attribute alike. */
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compares secrets in constant time; hashing first makes lengths equal so the length does not leak either. */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * A random label for this host instance: the host serves at `http://<id>.localhost:PORT` only, and its
 * cookie is host-only for that name. Browsers send a 127.0.0.1 cookie to every port of 127.0.0.1, so any
 * other local web service the analyst opened received it (issue #15 item 4); nothing else runs at this
 * name, and browsers resolve every *.localhost name to loopback themselves (RFC 6761), without DNS.
 */
export function generateHostId(): string {
  return randomBytes(10).toString('hex');
}

/** Browsers share cookies between ports of a host name; the port in the name keeps sessions apart even so. */
export function cookieName(port: number): string {
  return `liaison_session_${port}`;
}

export function sessionCookie(port: number, sessionId: string): string {
  return `${cookieName(port)}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** DNS rebinding defence, and the binding to this instance: only `<id>.localhost:PORT` is served. */
export function isAllowedHost(request: IncomingMessage, host: string): boolean {
  return request.headers.host === host;
}

/** Any request that says where it comes from must come from this host's own pages. */
export function isAllowedOrigin(request: IncomingMessage, origin: string): boolean {
  const given = request.headers.origin;
  return given === undefined || given === origin;
}

/** Fetch metadata: API calls come from this origin only; other ports of 127.0.0.1 count as "same-site". */
export function isSameOriginFetch(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
