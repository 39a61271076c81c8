import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { FaultPlan, type Fault } from './faults';
import { handleRequest } from './routes';
import { sendError } from './responses';
import { MicrosecondClock, TaxiiCollection, type CollectionInfo, type StatusResource } from './store';

export interface TaxiiUser {
  /** HTTP Basic credentials, or a bearer token (RFC 6750). */
  basic?: { user: string; password: string };
  bearer?: string;
  /** Collections this user may read and write; all when absent. */
  collections?: readonly string[];
}

export interface TaxiiServerOptions {
  collections?: readonly CollectionInfo[];
  /** When given, every request must authenticate as one of these; none means an open server. */
  users?: readonly TaxiiUser[];
  /** The API root's max_content_length (§4.1): POST bodies larger than this get 413. */
  maxContentLength?: number;
  /** The most objects one page holds, whatever `limit` asks. */
  pageSize?: number;
  /** A POST's status stays "pending" for this many status polls before it completes. */
  pendingPolls?: number;
  /** Answer `more: true` without `next`, as some servers do (clients then continue from X-TAXII-Date-Added-Last). */
  omitNext?: boolean;
  /** A reason to refuse an object in a POST (reported in the status resource's failures). */
  rejectObject?: (object: Record<string, unknown>) => string | undefined;
  /** Objects the server takes but never mentions in the status resource (a misbehaving server). */
  omitFromStatus?: (object: Record<string, unknown>) => boolean;
  /** Path -> absolute URL the server redirects to (to test that credentials never follow another host). */
  redirects?: Record<string, string>;
  tls?: { key: string | Buffer; cert: string | Buffer };
  now?: () => number;
}

/** Mutable state the routes share. */
export interface ServerState {
  options: Required<Pick<TaxiiServerOptions, 'maxContentLength' | 'pageSize' | 'pendingPolls' | 'omitNext'>> & TaxiiServerOptions;
  collections: Map<string, TaxiiCollection>;
  statuses: Map<string, { resource: StatusResource; pollsLeft: number; held: { collection: TaxiiCollection; objects: Record<string, unknown>[] } }>;
  cursors: Map<string, { filterKey: string; after: string }>;
  clock: MicrosecondClock;
  faults: FaultPlan;
  requests: { method: string; path: string; auth: boolean }[];
  newId(): string;
}

export interface TaxiiTestServer {
  /** http(s)://127.0.0.1:PORT */
  origin: string;
  discoveryUrl: string;
  apiRootUrl: string;
  faults: FaultPlan;
  collection(id: string): TaxiiCollection;
  /** Every request seen, in order (method, path with query, whether it carried credentials). */
  requests: ServerState['requests'];
  /** Adds objects as if another client had POSTed them. */
  seed(collectionId: string, objects: readonly Record<string, unknown>[]): void;
  close(): Promise<void>;
}

export const DEFAULT_COLLECTIONS: readonly CollectionInfo[] = [
  { id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116', title: 'Shared indicators', canRead: true, canWrite: true },
  { id: '52892447-4d7e-4f70-b94d-d7f22742ff63', title: 'Partner feed (read only)', canRead: true, canWrite: false },
];

/**
 * An in-process TAXII 2.1 server (OASIS TAXII 2.1 CS01): discovery at /taxii2/, one API root at /api1/,
 * collections, objects with pagination, manifest, versions, status, Basic/bearer auth, error resources,
 * 406/415 content negotiation, and fault injection. Listens on 127.0.0.1 on a free port.
 */
export async function startTaxiiServer(options: TaxiiServerOptions = {}): Promise<TaxiiTestServer> {
  const collections = new Map((options.collections ?? DEFAULT_COLLECTIONS).map((info) => [info.id, new TaxiiCollection(info)]));
  const state: ServerState = {
    options: { maxContentLength: 10 * 1024 * 1024, pageSize: 100, pendingPolls: 0, omitNext: false, ...options },
    collections,
    statuses: new Map(),
    cursors: new Map(),
    clock: new MicrosecondClock(options.now),
    faults: new FaultPlan(),
    requests: [],
    newId: randomUUID,
  };
  const sockets = new Set<Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handleRequest(state, req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'Internal error', 'The test server failed while answering.');
      else res.destroy();
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const requireCollection = (id: string): TaxiiCollection => {
    const found = collections.get(id);
    if (!found) throw new Error(`no collection ${id}`);
    return found;
  };
  return {
    origin,
    discoveryUrl: `${origin}/taxii2/`,
    apiRootUrl: `${origin}/api1/`,
    faults: state.faults,
    requests: state.requests,
    collection: requireCollection,
    seed(collectionId, objects) {
      const collection = requireCollection(collectionId);
      for (const object of objects) collection.add(object, state.clock.next());
    },
    close() {
      // Held (timed-out) requests would keep the server open forever.
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type { Fault };
