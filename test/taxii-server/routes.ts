import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { readBody, sendError, sendJson, TAXII_MEDIA_TYPE } from './responses';
import type { ServerState, TaxiiUser } from './server';
import { objectVersion, type StatusResource, type StoredVersion, type TaxiiCollection } from './store';

const API_ROOT = '/api1/';

/** Routes one request: faults first, then auth, content negotiation and the TAXII endpoints. */
export async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server.invalid');
  const method = req.method ?? 'GET';
  const user = authenticate(state, req);
  state.requests.push({ method, path: url.pathname + url.search, auth: Boolean(req.headers.authorization) });
  const fault = state.faults.take(method, url.pathname);
  if (fault && !fault.after) return applyFault(fault, res);

  const redirect = state.options.redirects?.[url.pathname];
  if (redirect) {
    res.writeHead(302, { Location: redirect, 'Content-Length': 0 });
    res.end();
    return;
  }
  if (user === 'denied') {
    return sendError(res, 401, 'Unauthorized', 'The credentials are missing or wrong.', { 'WWW-Authenticate': 'Basic realm="taxii", Bearer' });
  }
  // §1.6.8.1: a server answers 406 when it cannot give the media type the client accepts.
  if (!acceptsTaxii(req.headers.accept)) {
    return sendError(res, 406, 'Not Acceptable', `The Accept header must be ${TAXII_MEDIA_TYPE}.`);
  }
  if (!url.pathname.endsWith('/')) return sendError(res, 404, 'Not Found', 'TAXII URLs end with a slash.');

  const respond = fault ? deferFault(fault, res) : res;
  await route(state, user, method, url, req, respond);
}

async function route(state: ServerState, user: TaxiiUser | undefined, method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = url.pathname;
  if (path === '/taxii2/' && method === 'GET') {
    return sendJson(res, 200, {
      title: 'Liaison TAXII test server',
      description: 'In-process TAXII 2.1 server for tests',
      contact: 'nobody@example.invalid',
      default: `${API_ROOT}`,
      api_roots: [`${API_ROOT}`],
    });
  }
  if (!path.startsWith(API_ROOT)) return sendError(res, 404, 'Not Found', `No resource at ${path}.`);
  const parts = path.slice(API_ROOT.length).split('/').filter(Boolean);
  if (parts.length === 0 && method === 'GET') {
    return sendJson(res, 200, {
      title: 'Test API root',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: state.options.maxContentLength,
    });
  }
  if (parts[0] === 'status' && parts.length === 2 && method === 'GET') return sendStatus(state, parts[1]!, res);
  if (parts[0] !== 'collections') return sendError(res, 404, 'Not Found', `No resource at ${path}.`);
  if (parts.length === 1 && method === 'GET') {
    return sendJson(res, 200, { collections: [...state.collections.values()].map((c) => describe(c, user)) });
  }
  const collection = state.collections.get(parts[1] ?? '');
  if (!collection || !mayUse(user, collection.info.id)) return sendError(res, 404, 'Not Found', `No collection ${parts[1]}.`);
  const rest = parts.slice(2);
  if (rest.length === 0 && method === 'GET') return sendJson(res, 200, describe(collection, user));
  if (rest[0] === 'objects' && rest.length === 1 && method === 'POST') {
    if (!collection.info.canWrite) return sendError(res, 403, 'Forbidden', 'This collection cannot be written.');
    return postObjects(state, collection, req, res);
  }
  if (method !== 'GET') return sendError(res, 405, 'Method Not Allowed', `${method} is not allowed on ${path}.`);
  if (!collection.info.canRead) return sendError(res, 403, 'Forbidden', 'This collection cannot be read.');
  if (rest[0] === 'objects' && rest.length === 1) return getPage(state, collection, url, res, 'objects');
  if (rest[0] === 'manifest' && rest.length === 1) return getPage(state, collection, url, res, 'manifest');
  if (rest[0] === 'objects' && rest.length === 2) return getPage(state, collection, withId(url, rest[1]!), res, 'objects');
  if (rest[0] === 'objects' && rest.length === 3 && rest[2] === 'versions') return getVersions(collection, rest[1]!, res);
  return sendError(res, 404, 'Not Found', `No resource at ${path}.`);
}

function authenticate(state: ServerState, req: IncomingMessage): TaxiiUser | undefined | 'denied' {
  const users = state.options.users;
  if (!users?.length) return undefined;
  const header = req.headers.authorization ?? '';
  const found = users.find((u) => {
    if (u.bearer && header === `Bearer ${u.bearer}`) return true;
    if (u.basic && header === `Basic ${Buffer.from(`${u.basic.user}:${u.basic.password}`).toString('base64')}`) return true;
    return false;
  });
  return found ?? 'denied';
}

function mayUse(user: TaxiiUser | undefined, collectionId: string): boolean {
  return !user?.collections || user.collections.includes(collectionId);
}

function acceptsTaxii(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.replace(/\s+/g, '') === TAXII_MEDIA_TYPE);
}

function describe(collection: TaxiiCollection, user: TaxiiUser | undefined) {
  const allowed = mayUse(user, collection.info.id);
  return {
    id: collection.info.id,
    title: collection.info.title,
    can_read: allowed && collection.info.canRead,
    can_write: allowed && collection.info.canWrite,
    media_types: ['application/stix+json;version=2.1'],
  };
}

function withId(url: URL, id: string): URL {
  const copy = new URL(url);
  copy.searchParams.set('match[id]', id);
  return copy;
}

/** GET objects or manifest (§5.3, §5.4): filters, added_after (exclusive), limit, next, and the date headers. */
function getPage(state: ServerState, collection: TaxiiCollection, url: URL, res: ServerResponse, kind: 'objects' | 'manifest'): void {
  const q = url.searchParams;
  const limitText = q.get('limit');
  const limit = limitText === null ? state.options.pageSize : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return sendError(res, 400, 'Bad Request', `limit must be a positive integer, not "${limitText}".`);
  const addedAfter = q.get('added_after');
  if (addedAfter !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(addedAfter)) {
    return sendError(res, 400, 'Bad Request', `added_after "${addedAfter}" is not a timestamp.`);
  }
  const versionFilter = q.get('match[version]') ?? 'last';
  const ids = q.get('match[id]')?.split(',');
  const types = q.get('match[type]')?.split(',');
  const filterKey = JSON.stringify([kind, addedAfter, limitText, versionFilter, ids, types]);
  let after = addedAfter ?? '';
  const next = q.get('next');
  if (next !== null) {
    const cursor = state.cursors.get(next);
    if (!cursor) return sendError(res, 400, 'Bad Request', `next "${next}" is unknown or expired.`);
    // §3.4: a request with next must repeat the filters of the first request.
    if (cursor.filterKey !== filterKey) return sendError(res, 400, 'Bad Request', 'A request with next must repeat the filters and limit of the first request.');
    after = cursor.after;
  }
  let candidates: StoredVersion[] = versionFilter === 'all' ? collection.versions : versionFilter === 'last' ? collection.latest() : selectVersions(collection, versionFilter);
  candidates = candidates.filter((v) => v.dateAdded > after && (!ids || ids.includes(v.id)) && (!types || types.includes(v.id.split('--')[0]!)));
  const page = candidates.slice(0, Math.min(limit, state.options.pageSize));
  const more = candidates.length > page.length;
  if (page.length === 0) {
    if (ids && kind === 'objects' && url.pathname.split('/').filter(Boolean).length > 4) return sendError(res, 404, 'Not Found', 'No such object.');
    return sendJson(res, 200, {});
  }
  const headers = { 'X-TAXII-Date-Added-First': page[0]!.dateAdded, 'X-TAXII-Date-Added-Last': page[page.length - 1]!.dateAdded };
  const body: Record<string, unknown> = { more };
  if (more && !state.options.omitNext) {
    const token = state.newId();
    state.cursors.set(token, { filterKey, after: page[page.length - 1]!.dateAdded });
    body.next = token;
  }
  if (kind === 'objects') body.objects = page.map((v) => v.object);
  else body.objects = page.map((v) => ({ id: v.id, date_added: v.dateAdded, version: v.version, media_type: 'application/stix+json;version=2.1' }));
  sendJson(res, 200, body, headers);
}

function selectVersions(collection: TaxiiCollection, filter: string): StoredVersion[] {
  const wanted = filter.split(',');
  const byId = new Map<string, StoredVersion[]>();
  for (const v of collection.versions) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
  const out: StoredVersion[] = [];
  for (const list of byId.values()) {
    const sorted = [...list].sort((a, b) => (a.version < b.version ? -1 : 1));
    for (const w of wanted) {
      const pick = w === 'first' ? sorted[0] : w === 'last' ? sorted[sorted.length - 1] : sorted.find((v) => v.version === w);
      if (pick && !out.includes(pick)) out.push(pick);
    }
  }
  return out.sort((a, b) => (a.dateAdded < b.dateAdded ? -1 : 1));
}

function getVersions(collection: TaxiiCollection, id: string, res: ServerResponse): void {
  const versions = collection.versionsOf(id);
  if (versions.length === 0) return sendError(res, 404, 'Not Found', `No object ${id}.`);
  sendJson(res, 200, { more: false, versions: versions.map((v) => v.version) }, {
    'X-TAXII-Date-Added-First': versions[0]!.dateAdded,
    'X-TAXII-Date-Added-Last': versions[versions.length - 1]!.dateAdded,
  });
}

/** POST an envelope (§5.5): Content-Type checked (415), Content-Length required (411), size limit (413). */
async function postObjects(state: ServerState, collection: TaxiiCollection, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if ((req.headers['content-type'] ?? '').replace(/\s+/g, '') !== TAXII_MEDIA_TYPE) {
    return sendError(res, 415, 'Unsupported Media Type', `The Content-Type must be ${TAXII_MEDIA_TYPE}.`);
  }
  if (req.headers['content-length'] === undefined) return sendError(res, 411, 'Length Required', 'A POST must give its Content-Length.');
  const body = await readBody(req, state.options.maxContentLength);
  if (body === 'too-large') return sendError(res, 413, 'Payload Too Large', `The body is larger than max_content_length (${state.options.maxContentLength} bytes).`);
  let envelope: unknown;
  try {
    envelope = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(res, 400, 'Bad Request', 'The body is not JSON.');
  }
  const objects = (envelope as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) return sendError(res, 400, 'Bad Request', 'The body is not an envelope with an objects list.');
  const resource: StatusResource = {
    id: state.newId(),
    status: 'pending',
    request_timestamp: state.clock.next(),
    total_count: objects.length,
    success_count: 0,
    failure_count: 0,
    pending_count: 0,
    successes: [],
    failures: [],
    pendings: [],
  };
  const accepted: Record<string, unknown>[] = [];
  for (const raw of objects as Record<string, unknown>[]) {
    const id = typeof raw?.id === 'string' ? raw.id : '';
    const version = raw && typeof raw === 'object' ? objectVersion(raw) : '';
    const reason = !id || typeof raw.type !== 'string' ? 'An object needs an id and a type.' : state.options.rejectObject?.(raw);
    if (reason) resource.failures.push({ id, version, message: reason });
    else if (!state.options.omitFromStatus?.(raw)) accepted.push(raw);
  }
  const held = { collection, objects: accepted };
  const pollsLeft = state.options.pendingPolls;
  if (pollsLeft > 0) resource.pendings = accepted.map((o) => ({ id: String(o.id), version: objectVersion(o) }));
  else complete(state, resource, held);
  count(resource);
  state.statuses.set(resource.id, { resource, pollsLeft, held });
  sendJson(res, 202, resource);
}

function complete(state: ServerState, resource: StatusResource, held: { collection: TaxiiCollection; objects: Record<string, unknown>[] }): void {
  for (const object of held.objects) {
    held.collection.add(object, state.clock.next());
    resource.successes.push({ id: String(object.id), version: objectVersion(object) });
  }
  resource.pendings = [];
  resource.status = 'complete';
}

function count(resource: StatusResource): void {
  resource.success_count = resource.successes.length;
  resource.failure_count = resource.failures.length;
  resource.pending_count = resource.pendings.length;
  resource.total_count = resource.success_count + resource.failure_count + resource.pending_count;
}

function sendStatus(state: ServerState, id: string, res: ServerResponse): void {
  const entry = state.statuses.get(id);
  if (!entry) return sendError(res, 404, 'Not Found', `No status ${id}.`);
  if (entry.resource.status === 'pending') {
    entry.pollsLeft -= 1;
    if (entry.pollsLeft <= 0) complete(state, entry.resource, entry.held);
    count(entry.resource);
  }
  sendJson(res, 200, entry.resource);
}

function applyFault(fault: Fault, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      return sendError(res, fault.status, fault.status === 503 ? 'Service Unavailable' : 'Server Error', 'Injected fault.', headers);
    }
    case 'rate-limit':
      return sendError(res, 429, 'Too Many Requests', 'Slow down.', { 'Retry-After': String(fault.retryAfter) });
    case 'timeout':
      return; // never answers; the client's timeout must fire (close() destroys the socket)
    case 'drop': {
      const text = '{"more": false, "objects": [{"type": "indicator", "id": "indicator--';
      res.writeHead(200, { 'Content-Type': TAXII_MEDIA_TYPE, 'Content-Length': text.length * 4 });
      res.write(text);
      setImmediate(() => res.socket?.destroy());
      return;
    }
    case 'malformed': {
      const text = '{"more": false, "objects": [{"type": ';
      res.writeHead(200, { 'Content-Type': TAXII_MEDIA_TYPE, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
  }
}

/**
 * A response that does the real work and then fails: writes are swallowed and the fault is answered
 * instead, so a POST's objects are stored although the client never hears so.
 */
function deferFault(fault: Fault, res: ServerResponse): ServerResponse {
  const proxy = Object.create(res) as ServerResponse;
  proxy.writeHead = (() => proxy) as never;
  proxy.end = (() => {
    applyFault(fault, res);
    return proxy;
  }) as never;
  return proxy;
}
