import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreClient } from '../core-client';
import { streamEvents, KEEP_ALIVE_MS } from './events-stream';
import { EXPORTS_PREFIX, serveExport } from './exports';
import { handleInvoke, MAX_BODY_BYTES } from './invoke';
import {
  cookieName,
  isAllowedHost,
  isAllowedOrigin,
  isSameOriginFetch,
  readCookie,
  secretsEqual,
  sessionCookie,
  setSecurityHeaders,
  TOKEN_HEADER,
} from './security';
import { readStaticFile, resolveStaticFile } from './static-files';
import { handleUpload } from './upload';

export interface WebServerOptions {
  core: CoreClient;
  token: string;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  keepAliveMs?: number;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** The session's export folder (the core writes there); served by name as downloads. */
  exportFolder?: string;
}

export interface WebServer {
  port: number;
  origin: string;
  /** The URL to open once; it trades the token for a cookie and then drops it from the address bar. */
  launchUrl: string;
  close(): Promise<void>;
}

const INVOKE_PREFIX = '/api/invoke/';
const UPLOAD_PATH = '/api/files';

/** Status only: a rejected request learns nothing about why. */
function reject(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function serveStatic(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, pathname: string) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return reject(response, 405, { Allow: 'GET, HEAD' });
  const file = await resolveStaticFile(options.staticRoot, pathname);
  if (!file) return reject(response, 404);
  const { body, contentType } = await readStaticFile(file, options.token);
  response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function route(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, port: number) {
  setSecurityHeaders(response);
  if (!isAllowedHost(request, port) || !isAllowedOrigin(request, port)) return reject(response, 403);
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

  const offered = url.searchParams.get('token');
  if (url.pathname === '/' && offered !== null && request.method === 'GET') {
    if (!secretsEqual(offered, options.token)) return reject(response, 401);
    response.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(port, options.token) });
    return response.end();
  }

  if (!secretsEqual(readCookie(request, cookieName(port)), options.token)) return reject(response, 401);

  if (url.pathname.startsWith('/api/')) {
    if (!isSameOriginFetch(request)) return reject(response, 403);
    if (url.pathname.startsWith(INVOKE_PREFIX) || url.pathname === UPLOAD_PATH) {
      if (request.method !== 'POST') return reject(response, 405, { Allow: 'POST' });
      // The header proves the caller could read our page (SameSite cookies alone are not CSRF-proof on loopback).
      const header = request.headers[TOKEN_HEADER];
      if (!secretsEqual(typeof header === 'string' ? header : undefined, options.token)) return reject(response, 403);
      const outcome =
        url.pathname === UPLOAD_PATH
          ? await handleUpload(request, options.core, options.maxUploadBytes)
          : await handleInvoke(request, url.pathname.slice(INVOKE_PREFIX.length), options.core, options.maxBodyBytes ?? MAX_BODY_BYTES);
      if (outcome.body) return sendJson(response, outcome.status, outcome.body);
      return reject(response, outcome.status, outcome.status === 413 ? { Connection: 'close' } : {});
    }
    if (url.pathname.startsWith(EXPORTS_PREFIX)) {
      if (request.method !== 'GET') return reject(response, 405, { Allow: 'GET' });
      const status = await serveExport(response, options.exportFolder, url.pathname.slice(EXPORTS_PREFIX.length));
      if (status !== 200) reject(response, status);
      return;
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return reject(response, 405, { Allow: 'GET' });
      return streamEvents(request, response, (listener) => options.core.onEvent(listener), options.keepAliveMs ?? KEEP_ALIVE_MS);
    }
    return reject(response, 404);
  }
  return serveStatic(request, response, options, url.pathname);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, fail) => {
    server.once('error', fail);
    // Loopback only: the host must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the loopback browser host in front of a running core. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let port = 0;
  const server = createServer((request, response) => {
    route(request, response, options, port).catch((error: unknown) => {
      process.stderr.write(`[web-host] ${request.method} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) reject(response, 500);
      else response.destroy();
    });
  });
  port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    launchUrl: `${origin}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end on their own.
        server.closeAllConnections();
      }),
  };
}
