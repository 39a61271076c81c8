import { z } from 'zod';
import { TaxiiError, safeUrl } from './taxii-error';
import { taxiiRequest, withTrailingSlash, type TaxiiTransport } from './taxii-http';

/** TAXII 2.1 resources as this client reads them (§4.1-§4.3, §5.1-§5.5); unknown fields are ignored. */
const Discovery = z.object({ title: z.string(), default: z.string().optional(), api_roots: z.array(z.string()).optional() }).loose();
const ApiRoot = z.object({ title: z.string(), versions: z.array(z.string()), max_content_length: z.number().int().positive() }).loose();
const Collection = z.object({ id: z.string(), title: z.string(), can_read: z.boolean(), can_write: z.boolean() }).loose();
const Collections = z.object({ collections: z.array(Collection).optional() }).loose();
const Envelope = z.object({ more: z.boolean().optional(), next: z.string().optional(), objects: z.array(z.record(z.string(), z.unknown())).optional() }).loose();
const Detail = z.object({ id: z.string(), version: z.string(), message: z.string().optional() }).loose();
const Status = z
  .object({
    id: z.string(),
    status: z.enum(['complete', 'pending']),
    total_count: z.number().int(),
    success_count: z.number().int(),
    failure_count: z.number().int(),
    pending_count: z.number().int(),
    successes: z.array(Detail).optional(),
    failures: z.array(Detail).optional(),
    pendings: z.array(Detail).optional(),
  })
  .loose();

export type TaxiiDiscovery = z.infer<typeof Discovery>;
export type TaxiiApiRoot = z.infer<typeof ApiRoot>;
export type TaxiiCollection = z.infer<typeof Collection>;
export type TaxiiStatus = z.infer<typeof Status>;
export type StixObject = Record<string, unknown>;

export interface ObjectsPage {
  objects: StixObject[];
  more: boolean;
  next?: string;
  /** X-TAXII-Date-Added-First/Last as the server wrote them (kept verbatim: precision matters). */
  dateAddedFirst?: string;
  dateAddedLast?: string;
}

export interface ObjectsQuery {
  addedAfter?: string;
  limit?: number;
  next?: string;
}

/** A TAXII 2.1 client over one transport (credentials, CA, timeout, cancel signal). */
export class TaxiiClient {
  constructor(private readonly transport: TaxiiTransport) {}

  async discover(discoveryUrl: string): Promise<TaxiiDiscovery & { url: string }> {
    const res = await taxiiRequest('GET', withTrailingSlash(discoveryUrl), this.transport);
    return { ...read(Discovery, res.body, res.url, 'discovery'), url: res.url };
  }

  /** The API root to use: the one given, else the server's default, else its only one (§4.1). */
  async resolveApiRoot(discoveryUrl: string, apiRoot?: string): Promise<string> {
    if (apiRoot) return withTrailingSlash(apiRoot);
    const discovery = await this.discover(discoveryUrl);
    const chosen = discovery.default ?? (discovery.api_roots?.length === 1 ? discovery.api_roots[0] : undefined);
    if (!chosen) throw new TaxiiError('config', `${safeUrl(discoveryUrl)} lists ${discovery.api_roots?.length ?? 0} API roots and no default; give one with --api-root.`);
    return withTrailingSlash(new URL(chosen, discovery.url).toString());
  }

  async apiRoot(apiRootUrl: string): Promise<TaxiiApiRoot> {
    const res = await taxiiRequest('GET', withTrailingSlash(apiRootUrl), this.transport);
    const root = read(ApiRoot, res.body, res.url, 'API root');
    if (!root.versions.some((v) => v.replace(/\s+/g, '') === 'application/taxii+json;version=2.1')) {
      throw new TaxiiError('config', `${safeUrl(apiRootUrl)} does not offer TAXII 2.1 (it lists ${root.versions.join(', ') || 'no versions'}).`);
    }
    return root;
  }

  async collections(apiRootUrl: string): Promise<TaxiiCollection[]> {
    const res = await taxiiRequest('GET', `${withTrailingSlash(apiRootUrl)}collections/`, this.transport);
    return read(Collections, res.body, res.url, 'collections').collections ?? [];
  }

  async collection(apiRootUrl: string, id: string): Promise<TaxiiCollection> {
    const res = await taxiiRequest('GET', `${withTrailingSlash(apiRootUrl)}collections/${encodeURIComponent(id)}/`, this.transport);
    return read(Collection, res.body, res.url, 'collection');
  }

  /**
   * One page of objects (§5.3). With `next`, the same filters and limit are sent again: the standard
   * requires it and servers such as medallion answer 400 otherwise.
   */
  async getObjects(apiRootUrl: string, collectionId: string, query: ObjectsQuery): Promise<ObjectsPage> {
    const url = new URL(`${withTrailingSlash(apiRootUrl)}collections/${encodeURIComponent(collectionId)}/objects/`);
    if (query.addedAfter) url.searchParams.set('added_after', query.addedAfter);
    if (query.limit) url.searchParams.set('limit', String(query.limit));
    if (query.next) url.searchParams.set('next', query.next);
    const res = await taxiiRequest('GET', url.toString(), this.transport);
    const envelope = read(Envelope, res.body, res.url, 'envelope');
    const header = (name: string): string | undefined => {
      const value = res.headers[name];
      return typeof value === 'string' && value ? value : undefined;
    };
    const first = header('x-taxii-date-added-first');
    const last = header('x-taxii-date-added-last');
    return {
      objects: envelope.objects ?? [],
      more: envelope.more ?? false,
      ...(envelope.next ? { next: envelope.next } : {}),
      ...(first ? { dateAddedFirst: first } : {}),
      ...(last ? { dateAddedLast: last } : {}),
    };
  }

  /** POSTs one envelope (§5.5); the answer is a status resource. */
  async postObjects(apiRootUrl: string, collectionId: string, objects: readonly StixObject[]): Promise<TaxiiStatus> {
    const url = `${withTrailingSlash(apiRootUrl)}collections/${encodeURIComponent(collectionId)}/objects/`;
    const res = await taxiiRequest('POST', url, this.transport, { objects });
    return read(Status, res.body, res.url, 'status');
  }

  async status(apiRootUrl: string, statusId: string): Promise<TaxiiStatus> {
    const res = await taxiiRequest('GET', `${withTrailingSlash(apiRootUrl)}status/${encodeURIComponent(statusId)}/`, this.transport);
    return read(Status, res.body, res.url, 'status');
  }
}

function read<T>(schema: z.ZodType<T>, body: unknown, url: string, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TaxiiError('protocol', `${safeUrl(url)} did not send a TAXII 2.1 ${what} (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape'}).`);
  }
  return parsed.data;
}
