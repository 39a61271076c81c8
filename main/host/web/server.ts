import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreClient } from '../core-client';
import { streamEvents, KEEP_ALIVE_MS } from './events-stream';
import { EXPORTS_PREFIX, serveExport } from './exports';
import { handleInvoke, MAX_BODY_BYTES } from './invoke';
import {
  cookieName,
  generateHostId,
  generateToken,
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
  /**
   * The launch code in the printed URL. It is good for one exchange: the first browser to open the URL gets
   * a session, and the URL left in its history (or a terminal's scrollback) opens nothing afterwards.
   */
  token: string;
  /** The `<id>` of `<id>.localhost`; random unless a test fixes it. */
  hostId?: string;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  keepAliveMs?: number;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** The session's export folder (the core writes there); served by name as downloads. */
  exportFolder?: string;
  /** Open connections at once; more are refused (closed) until some end. */
  maxConnections?: number;
}

/**
 * One analyst's browser needs a handful of connections (six per host plus the event stream); the cap keeps
 * a local process from holding thousands open, each with buffers (issue #15 item 10).
 */
export const MAX_CONNECTIONS = 32;

export interface WebServer {
  port: number;
  origin: string;
  /** The URL to open once: it trades the one-time launch code for a session cookie and drops it from the address bar. */
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

/**
 * One browser's session: the cookie carries `id`; `apiKey` is given to the page (a meta tag) and must come
 * back in a header on every API call. Neither is the launch code, and both die with the host.
 */
interface WebSession {
  apiKey: string;
}

/** This host instance: where it answers, whether its launch code is spent, and its sessions. */
interface HostState {
  port: number;
  host: string;
  origin: string;
  launchUsed: boolean;
  sessions: Map<string, WebSession>;
}

async function serveStatic(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, pathname: string, session: WebSession) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return reject(response, 405, { Allow: 'GET, HEAD' });
  const file = await resolveStaticFile(options.staticRoot, pathname);
  if (!file) return reject(response, 404);
  const { body, contentType } = await readStaticFile(file, session.apiKey);
  response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function route(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, state: HostState) {
  setSecurityHeaders(response);
  if (!isAllowedHost(request, state.host) || !isAllowedOrigin(request, state.origin)) return reject(response, 403);
  const url = new URL(request.url ?? '/', state.origin);

  const offered = url.searchParams.get('token');
  if (url.pathname === '/' && offered !== null && request.method === 'GET') {
    if (state.launchUsed || !secretsEqual(offered, options.token)) return reject(response, 401);
    state.launchUsed = true;
    const id = generateToken();
    state.sessions.set(id, { apiKey: generateToken() });
    response.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(state.port, id) });
    return response.end();
  }

  const session = findSession(state, readCookie(request, cookieName(state.port)));
  if (!session) return reject(response, 401);

  if (url.pathname.startsWith('/api/')) {
    if (!isSameOriginFetch(request)) return reject(response, 403);
    if (url.pathname.startsWith(INVOKE_PREFIX) || url.pathname === UPLOAD_PATH) {
      if (request.method !== 'POST') return reject(response, 405, { Allow: 'POST' });
      // The header proves the caller could read our page (SameSite cookies alone are not CSRF-proof on loopback).
      const header = request.headers[TOKEN_HEADER];
      if (!secretsEqual(typeof header === 'string' ? header : undefined, session.apiKey)) return reject(response, 403);
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
  return serveStatic(request, response, options, url.pathname, session);
}

/** The session a cookie names; compared in constant time against each (a host has one or two). */
function findSession(state: HostState, id: string | undefined): WebSession | undefined {
  let found: WebSession | undefined;
  for (const [known, session] of state.sessions) if (secretsEqual(id, known)) found = session;
  return found;
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
  const hostId = options.hostId ?? generateHostId();
  const state: HostState = { port: 0, host: '', origin: '', launchUsed: false, sessions: new Map() };
  const server = createServer((request, response) => {
    route(request, response, options, state).catch((error: unknown) => {
      process.stderr.write(`[web-host] ${request.method} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) reject(response, 500);
      else response.destroy();
    });
  });
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  // A connection that trickles its headers or body is dropped instead of held forever (slowloris).
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  state.port = await listen(server, options.port ?? 0);
  state.host = `${hostId}.localhost:${state.port}`;
  state.origin = `http://${state.host}`;
  return {
    port: state.port,
    origin: state.origin,
    launchUrl: `${state.origin}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams never end on their own.
        server.closeAllConnections();
      }),
  };
}
