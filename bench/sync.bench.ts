import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stixIndicator } from '../main/core/stix';
import { addSyncProfile, enqueueObject, runSync } from '../main/core/sync';
import { importSources } from '../main/core/ingest/import/import-job';
import { indexImportedIndicators } from '../main/core/triage';
import { createVault, type Vault } from '../main/core/vault';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../test/taxii-server/server';
import { syntheticIndicators } from './lib/synthetic-indicators';

const TAXII = 'application/taxii+json;version=2.1';
const MAX_CONTENT_LENGTH = 10 * 1024 * 1024;
const PAGE = 1_000;

/**
 * Sync throughput against the in-process TAXII test server: `--count` STIX indicators (default 100,000)
 * pushed by the engine (outbox, envelopes sized to max_content_length, status follow, per-object
 * bookkeeping) and pulled by another vault (pages through the STIX import with checkpoints). Beside each,
 * the raw baseline: the same objects POSTed in the same envelopes, and GET page by page with `next`, by a
 * bare HTTP loop that keeps nothing; and for pull, the import of the same objects as one STIX file.
 */
export async function main(args: string[]): Promise<void> {
  const countAt = args.indexOf('--count');
  const count = countAt >= 0 ? Number(args[countAt + 1]) : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-sync-'));
  const server = await startTaxiiServer({ maxContentLength: MAX_CONTENT_LENGTH, pageSize: PAGE });
  const [pushCollection, rawCollection] = [DEFAULT_COLLECTIONS[0]!.id, 'raw-baseline'];
  server.collection(pushCollection);
  let a: Vault | undefined;
  let b: Vault | undefined;
  try {
    const created = '2026-03-01T09:00:00.000Z';
    const objects = [...syntheticIndicators(count)].map((i) => ({ ...stixIndicator({ type: i.type, value: i.value, tlp: 'green', created, modified: created }) }) as Record<string, unknown>);
    console.log(`${count.toLocaleString('en')} STIX indicators, ${(objects.reduce((n, o) => n + JSON.stringify(o).length, 0) / count).toFixed(0)} bytes each on average`);

    a = await createVault(join(dir, 'a'), 'bench sync passphrase', { actor: 'bench' });
    b = await createVault(join(dir, 'b'), 'bench sync passphrase', { actor: 'bench' });
    for (const vault of [a, b]) addSyncProfile(vault.db, { name: 'hub', discoveryUrl: server.discoveryUrl, pushCollection, credentials: { kind: 'none' }, tlpMax: 'amber' }, { actor: 'bench', at: new Date() });

    let t = performance.now();
    const profile = { id: 1, tlpMaxRank: 2 };
    const at = new Date().toISOString();
    a.db.transaction(() => {
      for (const object of objects) enqueueObject(a!.db, profile, object, at);
    }).immediate();
    const queueMs = performance.now() - t;

    t = performance.now();
    const [pushed] = await runSync(a.db, { actor: 'bench', force: true });
    const pushMs = performance.now() - t;
    if (!pushed?.ok || pushed.pushed.accepted !== count) throw new Error(`push incomplete: ${JSON.stringify(pushed)}`);

    server.collection(pushCollection);
    const rawServer = await startTaxiiServer({ maxContentLength: MAX_CONTENT_LENGTH, pageSize: PAGE, collections: [{ id: rawCollection, title: 'raw', canRead: true, canWrite: true }] });
    let rawPushMs: number;
    let rawPullMs: number;
    try {
      t = performance.now();
      await rawPost(rawServer, rawCollection, objects);
      rawPushMs = performance.now() - t;
      t = performance.now();
      const got = await rawGetAll(rawServer, rawCollection);
      rawPullMs = performance.now() - t;
      if (got !== count) throw new Error(`raw GET loop read ${got} objects`);
    } finally {
      await rawServer.close();
    }

    t = performance.now();
    const [pulled] = await runSync(b.db, { actor: 'bench', force: true, pageLimit: PAGE });
    const pullMs = performance.now() - t;
    const received = pulled?.pulled[0]?.received ?? 0;
    if (!pulled?.ok || received !== count) throw new Error(`pull incomplete: ${JSON.stringify(pulled)}`);

    // The import pipeline alone (one STIX file, same indexing), to show what pulling adds to importing.
    const c = await createVault(join(dir, 'c'), 'bench sync passphrase', { actor: 'bench' });
    let importMs: number;
    try {
      const bundle = Buffer.from(JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects }));
      t = performance.now();
      await importSources(c.db, [{ kind: 'bytes', name: 'same-objects.json', bytes: bundle }], { format: 'stix', actor: 'bench', indexing: indexImportedIndicators });
      importMs = performance.now() - t;
    } finally {
      c.close();
    }

    const rate = (ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en');
    console.log(`queue (share into outbox)   ${(queueMs / 1000).toFixed(1)} s   ${rate(queueMs)} objects/s`);
    console.log(`push  engine                ${(pushMs / 1000).toFixed(1)} s   ${rate(pushMs)} objects/s`);
    console.log(`push  raw HTTP POST loop    ${(rawPushMs / 1000).toFixed(1)} s   ${rate(rawPushMs)} objects/s   engine/raw ${(pushMs / rawPushMs).toFixed(1)}x the time`);
    console.log(`pull  engine (import)       ${(pullMs / 1000).toFixed(1)} s   ${rate(pullMs)} objects/s   (${(pulled.pulled[0]!.indicatorsNew).toLocaleString('en')} new indicators)`);
    console.log(`import of the same objects  ${(importMs / 1000).toFixed(1)} s   ${rate(importMs)} objects/s   (one STIX file; pull/import ${(pullMs / importMs).toFixed(1)}x the time)`);
    console.log(`pull  raw HTTP GET loop     ${(rawPullMs / 1000).toFixed(1)} s   ${rate(rawPullMs)} objects/s   engine/raw ${(pullMs / rawPullMs).toFixed(1)}x the time`);
  } finally {
    a?.close();
    b?.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same envelopes the engine sends (filled up to max_content_length), POSTed one after another. */
async function rawPost(server: TaxiiTestServer, collection: string, objects: readonly Record<string, unknown>[]): Promise<void> {
  const url = `${server.apiRootUrl}collections/${collection}/objects/`;
  let batch: string[] = [];
  let size = 14;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const body = Buffer.from(`{"objects":[${batch.join(',')}]}`);
    const res = await request('POST', url, body);
    if (res.status !== 202) throw new Error(`raw POST answered ${res.status}`);
    batch = [];
    size = 14;
  };
  for (const object of objects) {
    const json = JSON.stringify(object);
    if (size + json.length + 1 > MAX_CONTENT_LENGTH) await flush();
    batch.push(json);
    size += json.length + 1;
  }
  await flush();
}

async function rawGetAll(server: TaxiiTestServer, collection: string): Promise<number> {
  let total = 0;
  let next: string | undefined;
  for (;;) {
    const url = `${server.apiRootUrl}collections/${collection}/objects/?limit=${PAGE}${next ? `&next=${next}` : ''}`;
    const res = await request('GET', url);
    const page = JSON.parse(res.body.toString('utf8')) as { objects?: unknown[]; more?: boolean; next?: string };
    total += page.objects?.length ?? 0;
    if (!page.more || !page.next) return total;
    next = page.next;
  }
}

function request(method: string, url: string, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Accept: TAXII };
    if (body) Object.assign(headers, { 'Content-Type': TAXII, 'Content-Length': body.length });
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
