import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../../../test/taxii-server/server';
import { TaxiiClient } from './taxii-client';
import { TaxiiError } from './taxii-error';
import { retryAfter, taxiiRequest } from './taxii-http';

const RW = DEFAULT_COLLECTIONS[0]!.id;
let server: TaxiiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const basic = { kind: 'basic' as const, user: 'ana', password: 'correct horse battery' };

describe('TaxiiClient', () => {
  it('discovers, reads the API root and collections, and posts with exact TAXII headers and Content-Length', async () => {
    server = await startTaxiiServer({ users: [{ basic: { user: 'ana', password: 'correct horse battery' } }] });
    const client = new TaxiiClient({ credentials: basic });
    // No trailing slash given: the client adds it (the server answers 404 without one).
    const root = await client.resolveApiRoot(server.discoveryUrl.replace(/\/$/, ''));
    expect(root).toBe(server.apiRootUrl);
    expect((await client.apiRoot(root.replace(/\/$/, ''))).max_content_length).toBeGreaterThan(0);
    expect((await client.collections(root)).map((c) => c.can_write)).toEqual([true, false]);
    const status = await client.postObjects(root, RW, [{ type: 'indicator', id: 'indicator--1', modified: '2026-01-01T00:00:00.000Z' }]);
    expect(status).toMatchObject({ status: 'complete', success_count: 1 });
    const page = await client.getObjects(root, RW, { limit: 5 });
    expect(page.objects).toHaveLength(1);
    expect(page.dateAddedLast).toMatch(/\.\d{6}Z$/);
  });

  it('puts the server error resource into words', async () => {
    server = await startTaxiiServer({ users: [{ bearer: 'right-token' }] });
    const client = new TaxiiClient({ credentials: { kind: 'bearer', token: 'wrong-token' } });
    const error = await client.discover(server.discoveryUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxiiError);
    expect((error as TaxiiError).message).toBe(
      `${server.discoveryUrl} answered 401 (the user name, password or token is wrong or missing): "Unauthorized: The credentials are missing or wrong.".`,
    );
    expect((error as TaxiiError).retryable).toBe(false);
  });

  it('refuses non-http URLs, URLs with user info, and redirects that would carry credentials to another host', async () => {
    await expect(taxiiRequest('GET', 'file:///etc/passwd', { credentials: { kind: 'none' } })).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(taxiiRequest('GET', 'http://a:b@127.0.0.1/', { credentials: { kind: 'none' } })).rejects.toThrow(/user name or password/);
    server = await startTaxiiServer({ redirects: { '/elsewhere/': 'http://localhost:9/taxii2/', '/moved/': '/taxii2/' } });
    const withCredentials = new TaxiiClient({ credentials: basic });
    await expect(withCredentials.discover(`${server.origin}/elsewhere/`)).rejects.toThrow(/redirected to another host \(localhost:9\); credentials are never sent there/);
    const sameHost = await new TaxiiClient({ credentials: { kind: 'none' } }).discover(`${server.origin}/moved/`);
    expect(sameHost.url).toBe(server.discoveryUrl);
    expect(server.requests.filter((r) => r.auth).map((r) => r.path)).toEqual(['/elsewhere/']);
  });

  it('classifies faults: 429 with Retry-After, dropped connections, malformed JSON, timeouts', async () => {
    server = await startTaxiiServer();
    const client = new TaxiiClient({ credentials: { kind: 'none' }, timeoutMs: 300 });
    server.faults.add({ kind: 'rate-limit', retryAfter: 4 }, { kind: 'drop' }, { kind: 'malformed' }, { kind: 'timeout' });
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push((await client.discover(server.discoveryUrl).catch((e: unknown) => e)) as TaxiiError);
    expect(failures.map((f) => [f.kind, f.retryable])).toEqual([['http', true], ['network', true], ['protocol', true], ['timeout', true]]);
    expect(failures[0]!.details.retryAfterMs).toBe(4000);
    expect(await client.discover(server.discoveryUrl)).toMatchObject({ title: 'Liaison TAXII test server' });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfter('120')).toBe(120_000);
    expect(retryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfter('soon')).toBeUndefined();
  });
});
