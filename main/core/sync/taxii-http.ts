import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { TaxiiError, describeHttpError, safeUrl } from './taxii-error';

/** TAXII 2.1 §1.6.8: both headers carry exactly this media type. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

export type TaxiiCredentials = { kind: 'none' } | { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string };

export interface TaxiiTransport {
  credentials: TaxiiCredentials;
  /** PEM text of extra CA certificates to trust (a private hub's CA), added to Node's defaults. */
  ca?: string;
  /** Milliseconds without progress before a request is abandoned. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest answer read (default 256 MiB, a big objects page); a connection test asks far less. */
  maxResponseBytes?: number;
  /** Follow no redirect to another origin, with or without credentials (a connection test). */
  sameOriginRedirects?: boolean;
}

export interface TaxiiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  url: string;
}

const MAX_REDIRECTS = 3;
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** Only http and https: a profile URL is user input and must never reach file:, data: or anything else. */
export function requireHttpUrl(text: string, what = 'URL'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TaxiiError('config', `The ${what} "${text}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TaxiiError('config', `The ${what} must start with http:// or https://, not ${url.protocol}.`);
  if (url.username || url.password) throw new TaxiiError('config', `The ${what} must not contain a user name or password; give them to the profile instead.`);
  return url;
}

/** TAXII resources are directories: every endpoint URL ends with "/" (§1.6.6). */
export function withTrailingSlash(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.toString();
}

/**
 * One TAXII request. A JSON body is sent with Content-Length (never chunked: several servers refuse
 * chunked POSTs). Redirects are followed only within the same origin when credentials are set, so a
 * password or token never reaches another host. The response must be TAXII JSON; an HTTP error is
 * turned into a TaxiiError whose message quotes the server's error resource.
 */
export async function taxiiRequest(method: 'GET' | 'POST', url: string, transport: TaxiiTransport, body?: unknown): Promise<TaxiiResponse> {
  let target = requireHttpUrl(url);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
  for (let hop = 0; ; hop++) {
    const res = await once(method, target, transport, payload);
    if (res.status >= 300 && res.status < 400 && res.location) {
      if (hop >= MAX_REDIRECTS) throw new TaxiiError('protocol', `${safeUrl(url)} redirected too many times.`);
      const next = requireHttpUrl(new URL(res.location, target).toString(), 'redirect');
      if (next.origin !== target.origin && transport.sameOriginRedirects) {
        throw new TaxiiError('config', `${safeUrl(target.toString())} redirected to another host (${next.host}); a connection test stays on the server given.`);
      }
      if (next.origin !== target.origin && transport.credentials.kind !== 'none') {
        throw new TaxiiError('config', `${safeUrl(target.toString())} redirected to another host (${next.host}); credentials are never sent there. Use that server's URL in the profile if it is the right one.`);
      }
      if (target.protocol === 'https:' && next.protocol === 'http:') throw new TaxiiError('config', `${safeUrl(target.toString())} redirected from https to http; refused.`);
      target = next;
      continue;
    }
    const parsed = parseBody(res, target.toString());
    if (res.status >= 400) {
      throw new TaxiiError('http', describeHttpError(res.status, target.toString(), parsed), {
        status: res.status,
        ...(retryAfter(res.headers['retry-after']) !== undefined ? { retryAfterMs: retryAfter(res.headers['retry-after'])! } : {}),
      });
    }
    return { status: res.status, headers: res.headers, body: parsed, url: target.toString() };
  }
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: Buffer;
  location?: string;
}

function once(method: string, url: URL, transport: TaxiiTransport, payload: Buffer | undefined): Promise<RawResponse> {
  const headers: Record<string, string> = { Accept: TAXII_MEDIA_TYPE };
  if (payload) {
    headers['Content-Type'] = TAXII_MEDIA_TYPE;
    headers['Content-Length'] = String(payload.length);
  }
  const auth = authorization(transport.credentials);
  if (auth) headers.Authorization = auth;
  const options: https.RequestOptions = { method, headers, timeout: transport.timeoutMs ?? 30_000, ...(transport.signal ? { signal: transport.signal } : {}) };
  if (url.protocol === 'https:' && transport.ca) options.ca = [...tlsRootCertificates(), transport.ca];
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const limit = transport.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    const tooLarge = () => new TaxiiError('config', `${safeUrl(url.toString())} sent more than ${limit.toLocaleString('en')} bytes; refused.`);
    const req = lib.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // A declared length past the limit is refused before its body is read.
      if (Number(res.headers['content-length'] ?? 0) > limit) return req.destroy(tooLarge());
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) req.destroy(tooLarge());
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (!res.complete) return reject(new TaxiiError('network', `The connection to ${url.host} was closed before the answer was complete.`));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks), ...(res.headers.location ? { location: res.headers.location } : {}) });
      });
      res.on('aborted', () => reject(new TaxiiError('network', `The connection to ${url.host} was closed before the answer was complete.`)));
      res.on('error', (error) => reject(networkError(error, url, transport)));
    });
    req.on('timeout', () => req.destroy(new TaxiiError('timeout', `${url.host} did not answer within ${Math.round((transport.timeoutMs ?? 30_000) / 1000)} s.`)));
    req.on('error', (error) => reject(networkError(error, url, transport)));
    req.end(payload);
  });
}

function networkError(error: unknown, url: URL, transport: TaxiiTransport): TaxiiError {
  if (error instanceof TaxiiError) return error;
  if (transport.signal?.aborted) return new TaxiiError('cancelled', 'Sync cancelled.');
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const words: Record<string, string> = {
    ECONNREFUSED: `nothing is listening at ${url.host}`,
    ENOTFOUND: `the name ${url.hostname} does not resolve (offline?)`,
    EAI_AGAIN: `the name ${url.hostname} cannot be resolved now (offline?)`,
    ECONNRESET: `the connection to ${url.host} was reset`,
    ETIMEDOUT: `${url.host} did not answer`,
    ENETUNREACH: 'the network is unreachable (offline?)',
    DEPTH_ZERO_SELF_SIGNED_CERT: `${url.host} presented a self-signed certificate; give its CA with --ca-file`,
    SELF_SIGNED_CERT_IN_CHAIN: `${url.host}'s certificate chain ends in an untrusted CA; give it with --ca-file`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `${url.host}'s certificate cannot be verified; give its CA with --ca-file`,
    ERR_TLS_CERT_ALTNAME_INVALID: `${url.host}'s certificate is for another name`,
    CERT_HAS_EXPIRED: `${url.host}'s certificate has expired`,
  };
  const tls = code.startsWith('ERR_TLS') || code.includes('CERT');
  return new TaxiiError(tls ? 'config' : 'network', `Cannot reach the TAXII server: ${words[code] ?? `${code || 'connection failed'} at ${url.host}`}.`, { cause: error });
}

function parseBody(res: RawResponse, url: string): unknown {
  if (res.text.length === 0) return {};
  const type = String(res.headers['content-type'] ?? '');
  const isJson = /json/i.test(type);
  if (!isJson) {
    if (res.status >= 400) return {};
    throw new TaxiiError('protocol', `${safeUrl(url)} answered with ${type || 'no content type'}, not TAXII JSON.`);
  }
  try {
    return JSON.parse(res.text.toString('utf8')) as unknown;
  } catch (error) {
    if (res.status >= 400) return {};
    throw new TaxiiError('protocol', `${safeUrl(url)} sent JSON that cannot be read (${res.text.length} bytes, cut short or malformed).`, { cause: error });
  }
}

function authorization(credentials: TaxiiCredentials): string | undefined {
  switch (credentials.kind) {
    case 'basic':
      return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
    case 'bearer':
      return `Bearer ${credentials.token}`;
    case 'none':
      return undefined;
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now (capped at an hour). */
export function retryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 3_600_000) : undefined;
}

/** Node's bundled roots: setting `ca` replaces them, and a profile's CA adds to them. */
function tlsRootCertificates(): readonly string[] {
  return tls.rootCertificates;
}
