import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const TAXII = 'application/taxii+json;version=2.1';
const RW = DEFAULT_COLLECTIONS[0]!.id;

let server: TaxiiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const indicator = (n: number, modified = '2026-01-01T00:00:00.000Z') => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: '2026-01-01T00:00:00.000Z', modified, pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z',
});

async function get(path: string, headers: Record<string, string> = { Accept: TAXII }) {
  const res = await fetch(`${server!.origin}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function post(path: string, body: unknown, contentType = TAXII) {
  const res = await fetch(`${server!.origin}${path}`, { method: 'POST', headers: { Accept: TAXII, 'Content-Type': contentType }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('TAXII 2.1 test server', () => {
  it('serves discovery, the API root and collections, and refuses other media types with error resources', async () => {
    server = await startTaxiiServer({ maxContentLength: 5000 });
    expect((await get('/taxii2/')).body.api_roots).toEqual(['/api1/']);
    expect((await get('/api1/')).body).toMatchObject({ versions: [TAXII], max_content_length: 5000 });
    const collections = (await get('/api1/collections/')).body.collections as { can_write: boolean }[];
    expect(collections.map((c) => c.can_write)).toEqual([true, false]);
    expect(await get('/api1/', { Accept: 'application/json' })).toMatchObject({ status: 406, body: { title: 'Not Acceptable', http_status: '406' } });
    expect(await post(`/api1/collections/${RW}/objects/`, { objects: [] }, 'application/json')).toMatchObject({ status: 415, body: { http_status: '415' } });
    expect((await post(`/api1/collections/${RW}/objects/`, { objects: Array.from({ length: 40 }, (_, i) => indicator(i)) })).status).toBe(413);
    expect((await get('/api1/collections')).status).toBe(404);
  });

  it('requires Basic or bearer credentials when it has users', async () => {
    server = await startTaxiiServer({ users: [{ basic: { user: 'ana', password: 'correct horse' } }, { bearer: 'tok-123' }] });
    expect((await get('/taxii2/')).status).toBe(401);
    expect((await get('/taxii2/', { Accept: TAXII, Authorization: 'Bearer tok-123' })).status).toBe(200);
    const basic = `Basic ${Buffer.from('ana:correct horse').toString('base64')}`;
    expect((await get('/taxii2/', { Accept: TAXII, Authorization: basic })).status).toBe(200);
    expect((await get('/taxii2/', { Accept: TAXII, Authorization: 'Bearer wrong' })).body).toMatchObject({ http_status: '401' });
  });

  it('pages objects by date added with next (filters repeated) and the date headers, and keeps every version', async () => {
    server = await startTaxiiServer({ pageSize: 3 });
    const status = await post(`/api1/collections/${RW}/objects/`, { objects: [1, 2, 3, 4, 5].map((n) => indicator(n)) });
    expect(status.body).toMatchObject({ status: 'complete', success_count: 5, failure_count: 0, pending_count: 0 });
    await post(`/api1/collections/${RW}/objects/`, { objects: [indicator(2, '2026-02-01T00:00:00.000Z')] });
    const first = await get(`/api1/collections/${RW}/objects/?limit=10`);
    expect(first.body.more).toBe(true);
    expect((first.body.objects as unknown[]).length).toBe(3);
    expect(first.headers.get('x-taxii-date-added-last')).toMatch(/\.\d{6}Z$/);
    const refused = await get(`/api1/collections/${RW}/objects/?next=${String(first.body.next)}`);
    expect(refused.status).toBe(400);
    const second = await get(`/api1/collections/${RW}/objects/?limit=10&next=${String(first.body.next)}`);
    expect(second.body.more).toBe(false);
    const ids = [...(first.body.objects as { id: string }[]), ...(second.body.objects as { id: string }[])].map((o) => o.id);
    expect(new Set(ids).size).toBe(5);
    const versions = await get(`/api1/collections/${RW}/objects/${indicator(2).id}/versions/`);
    expect(versions.body.versions).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    const manifest = await get(`/api1/collections/${RW}/manifest/?match[version]=all&limit=10`);
    expect((manifest.body.objects as unknown[]).length).toBe(3);
    const after = await get(`/api1/collections/${RW}/objects/?added_after=${first.headers.get('x-taxii-date-added-last')}`);
    expect((after.body.objects as unknown[]).length).toBe(2);
  });

  it('reports a pending status until polled enough, and injected faults once each', async () => {
    server = await startTaxiiServer({ pendingPolls: 2 });
    const status = await post(`/api1/collections/${RW}/objects/`, { objects: [indicator(1)] });
    expect(status.body).toMatchObject({ status: 'pending', pending_count: 1 });
    expect((await get(`/api1/status/${String(status.body.id)}/`)).body.status).toBe('pending');
    expect((await get(`/api1/status/${String(status.body.id)}/`)).body).toMatchObject({ status: 'complete', success_count: 1 });
    server.faults.add({ kind: 'rate-limit', retryAfter: 7 }, { kind: 'status', status: 503 });
    const limited = await fetch(`${server.origin}/taxii2/`, { headers: { Accept: TAXII } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await get('/taxii2/')).status).toBe(503);
    server.faults.add({ kind: 'malformed' });
    await expect(get('/taxii2/')).rejects.toThrow();
    server.faults.add({ kind: 'drop' });
    await expect(fetch(`${server.origin}/taxii2/`, { headers: { Accept: TAXII } }).then((r) => r.text())).rejects.toThrow();
    expect((await get('/taxii2/')).status).toBe(200);
  });
});
