import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { startTaxiiServer, DEFAULT_COLLECTIONS, type TaxiiTestServer } from '../../../test/taxii-server/server';
import type { SyncConnectionReport } from '../../../preload/contract';
import { WorkbenchSession } from '../../core/session';
import { createDispatcher } from '../dispatch';

const dirs = tempDirs('liaison-sync-ipc-');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  dirs.cleanup();
});

const TAXII = 'application/taxii+json;version=2.1';

async function session() {
  const root = dirs.make();
  const workbench = new WorkbenchSession({ location: join(root, 'vault'), actor: 'analyst', exportFolder: join(root, 'exports') });
  await workbench.create('a long enough passphrase');
  closers.push(async () => void workbench.lock('user'));
  const dispatch = createDispatcher(workbench, () => undefined);
  const test = async (draft: Record<string, unknown>) => {
    const result = await dispatch('sync:test', { pushCollection: 'shared', credentials: { kind: 'none' }, ...draft });
    if (!result.ok) throw new Error(`sync:test: ${result.error.code} ${result.error.message}`);
    return result.value as SyncConnectionReport;
  };
  const audit = () => workbench.requireVault().db.prepare("SELECT target, after_json FROM audit_entries WHERE action = 'sync.test' ORDER BY id").all() as { target: string; after_json: string }[];
  return { test, audit, dispatch };
}

/** A server that is not TAXII, or misbehaves: answers each path with what `routes` says, and counts requests. */
async function rogue(routes: Record<string, (res: http.ServerResponse) => void>) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (body: unknown) => (res: http.ServerResponse) => res.writeHead(200, { 'content-type': TAXII }).end(JSON.stringify(body));

describe('sync:test on a draft profile', () => {
  it('refuses URLs that are not plain http(s) before any request, and audits each test', async () => {
    const { test, audit } = await session();
    expect((await test({ discoveryUrl: 'http://user:secret@127.0.0.1:9/taxii2/' })).error).toMatch(/must not contain a user name or password/);
    const server = await rogue({});
    expect((await test({ discoveryUrl: `${server.url}/taxii2/`, apiRootUrl: 'http://169.254.169.254/latest/' })).error).toMatch(/not on the discovery server/);
    expect(server.seen).toEqual([]);
    const entries = audit();
    expect(entries).toHaveLength(2);
    expect(entries[0]!.target).toBe('http://127.0.0.1:9/taxii2/');
    expect(JSON.parse(entries[1]!.after_json)).toMatchObject({ ok: false, error: expect.stringContaining('not on the discovery server') });
  });

  it('follows no API root or redirect to another host, and reads no large answer', async () => {
    const { test } = await session();
    const other = await rogue({ '/root/': json({ title: 'elsewhere', versions: [TAXII], max_content_length: 1000 }) });
    const server = await rogue({
      '/listed/': json({ title: 'Listed', api_roots: [`${other.url}/root/`] }),
      '/moved/': (res) => res.writeHead(302, { location: `${other.url}/root/` }).end(),
      '/big/': (res) => res.writeHead(200, { 'content-type': TAXII }).end(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), api_roots: [] })),
    });
    expect((await test({ discoveryUrl: `${server.url}/listed/` })).error).toMatch(/API root URL \(127\.0\.0\.1:\d+\) is not on the discovery server/);
    expect((await test({ discoveryUrl: `${server.url}/moved/` })).error).toMatch(/redirected to another host/);
    expect((await test({ discoveryUrl: `${server.url}/big/` })).error).toMatch(/sent more than 1,048,576 bytes; refused/);
    expect(other.seen).toEqual([]);
  });

  it('gives up on a server that trickles its answer, and returns only TAXII fields, clipped', async () => {
    const { test } = await session();
    const server = await rogue({
      '/slow/': (res) => {
        res.writeHead(200, { 'content-type': TAXII });
        const drip = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(drip));
      },
      '/leaky/': json({ title: `Hub\n${'t'.repeat(500)}`, api_roots: [], internal_token: 'do-not-return', default: '/leaky/root/' }),
      '/leaky/root/': json({ title: 'Root', versions: [TAXII], max_content_length: 1000, secret: 'no' }),
      '/leaky/root/collections/': json({ collections: [{ id: 'shared', title: 'Shared', can_read: true, can_write: true, media_types: ['x'], owner: 'nobody' }] }),
    });
    const started = Date.now();
    const slow = await test({ discoveryUrl: `${server.url}/slow/` });
    expect(slow.error).toBe('The server did not finish answering within 20 s.');
    expect(Date.now() - started).toBeLessThan(25_000);
    const leaky = await test({ discoveryUrl: `${server.url}/leaky/` });
    expect(leaky.ok).toBe(true);
    expect(JSON.stringify(leaky)).not.toMatch(/do-not-return|secret|owner|media_types/);
    expect(leaky.discovery!.title).toHaveLength(200);
    expect(leaky.discovery!.title.startsWith('Hub t')).toBe(true);
    expect(leaky.collections).toEqual([{ id: 'shared', title: 'Shared', canRead: true, canWrite: true }]);
  }, 40_000);

  it('still tests a real TAXII server end to end', async () => {
    const { test, audit } = await session();
    const hub: TaxiiTestServer = await startTaxiiServer({});
    closers.push(() => hub.close());
    const report = await test({ discoveryUrl: hub.discoveryUrl, pushCollection: DEFAULT_COLLECTIONS[0]!.id });
    expect(report).toMatchObject({ ok: true, push: { canWrite: true } });
    expect(JSON.parse(audit()[0]!.after_json)).toEqual({ ok: true, apiRoot: report.apiRoot!.url.replace(/\?.*$/, '') });
  });
});
