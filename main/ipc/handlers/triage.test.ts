import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { isExportFileName, type QueuePage, type QueueExportOutcome } from '../../../preload/contract';
import { WorkbenchSession, type SessionEvent } from '../../core/session';
import { createDispatcher } from '../dispatch';

const dirs = tempDirs('liaison-triage-ipc-');
afterEach(() => dirs.cleanup());

const view = { filter: {}, sort: { key: 'id', direction: 'asc' } } as const;

async function sessionWithIndicators(count: number) {
  const session = new WorkbenchSession({ location: join(dirs.make(), 'vault'), actor: 'analyst' });
  const dispatch = createDispatcher(session);
  await session.create('a long enough passphrase');
  const events: SessionEvent[] = [];
  session.onEvent((event) => events.push(event));
  const csv = ['type,value', ...Array.from({ length: count }, (_, i) => `domain,lantern-${i}.com`), 'ipv4,185.220.101.45'].join('\n');
  const grantId = session.grantFiles([{ kind: 'bytes', name: 'feed.csv', bytes: new TextEncoder().encode(csv) }]);
  session.startImport(grantId, { format: 'csv', strict: false });
  await expect.poll(() => events.some((e) => e.type === 'import:finished'), { timeout: 20_000 }).toBe(true);
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { session, call, dispatch, events };
}

describe('triage channels', () => {
  it('pages the queue by keyset and seeks to any position', async () => {
    const { session, call } = await sessionWithIndicators(120);
    expect(await call('queue:total', view)).toEqual({ total: 121 });
    const first = await call<QueuePage>('queue:page', { ...view, limit: 50 });
    expect(first.rows).toHaveLength(50);
    const second = await call<QueuePage>('queue:page', { ...view, limit: 50, cursor: first.nextCursor });
    expect(second.rows[0]!.id).toBe(first.rows[49]!.id + 1);
    const at = await call<QueuePage>('queue:at', { ...view, position: 100, limit: 5 });
    expect(at.rows.map((r) => r.id)).toEqual([101, 102, 103, 104, 105]);
    expect(await call<QueuePage>('queue:at', { ...view, position: 500, limit: 5 })).toEqual({ rows: [], nextCursor: null, prevCursor: null });
    session.lock('user');
  });

  it('exports the filtered queue into the export folder under a name the core chose, at a TLP ceiling', async () => {
    const { session, call, dispatch } = await sessionWithIndicators(3);
    await call('triage:update', { ids: [1], patch: { tlp: 'red' } });
    const domains = { conditions: [{ field: 'type', op: '=', value: 'domain' }] };
    const csv = await call<QueueExportOutcome>('queue:export', { filter: domains, format: 'csv', tlpMax: 'amber' });
    expect(csv).toMatchObject({ format: 'csv', tlpMax: 'amber', defanged: true, count: 2, withheld: 1 });
    expect(isExportFileName(csv.fileName)).toBe(true);
    expect(csv.fileName).toMatch(/^queue-\d{8}-\d{4}\.csv$/);
    const text = fs.readFileSync(join(session.exportFolder, csv.fileName), 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).toContain('lantern-1[.]com');
    expect(text).not.toContain('lantern-0');
    expect(csv.bytes).toBe(Buffer.byteLength(text));

    const stix = await call<QueueExportOutcome>('queue:export', { filter: {}, format: 'stix', tlpMax: 'red', defang: true });
    expect(stix).toMatchObject({ count: 4, withheld: 0, marking: 'red', defanged: false });
    expect(stix.fileName).toMatch(/\.stix\.json$/);
    const again = await call<QueueExportOutcome>('queue:export', { filter: {}, format: 'stix', tlpMax: 'red' });
    expect(again.fileName).not.toBe(stix.fileName);
    expect(JSON.parse(fs.readFileSync(join(session.exportFolder, stix.fileName), 'utf8'))).toMatchObject({ type: 'bundle' });

    const audit = await call<Array<{ action: string }>>('audit:list', {});
    expect(audit.filter((e) => e.action === 'indicators.export')).toHaveLength(3);
    expect(await dispatch('queue:export', { filter: {}, format: 'pdf', tlpMax: 'red' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('queue:export', { filter: {}, format: 'csv', tlpMax: 'red', path: '/tmp/x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    session.lock('user');
  });

  it('finds imported indicators by full text at once (indexed in the import transaction)', async () => {
    const { session, call } = await sessionWithIndicators(10);
    const found = await call<QueuePage>('queue:page', { filter: { text: 'lantern-7' }, sort: view.sort, limit: 10 });
    expect(found.rows.map((r) => r.value)).toContain('lantern-7.com');
    session.lock('user');
  });

  it('changes a selection and a filtered set, undoes, and shows it all in the history', async () => {
    const { session, call } = await sessionWithIndicators(20);
    expect(await call('triage:update', { ids: [1, 2], patch: { status: 'malicious', tlp: 'red' } })).toMatchObject({ count: 2 });
    const bulk = await call<{ count: number }>('triage:bulk', {
      filter: { conditions: [{ field: 'type', op: '=', value: 'domain' }, { field: 'status', op: '=', value: 'new' }] },
      patch: { status: 'benign' },
    });
    expect(bulk.count).toBe(18);
    expect(await call('triage:undo', {})).toMatchObject({ count: 18, kept: 0 });
    const page = await call<QueuePage>('queue:page', { ...view, limit: 5 });
    expect(page.rows.slice(0, 3).map((r) => [r.status, r.tlp])).toEqual([['malicious', 'red'], ['malicious', 'red'], ['new', 'amber']]);
    const detail = await call<{ history: { action: string }[] }>('triage:detail', { id: 1 });
    expect(detail.history.map((h) => h.action)).toEqual(expect.arrayContaining(['indicators.import']));
    expect(detail.history.length).toBeGreaterThanOrEqual(2);
    session.lock('user');
  });

  it('says there is nothing to undo, and reports the overview and saved views', async () => {
    const { session, call } = await sessionWithIndicators(3);
    expect(await call('triage:undo', {})).toBeNull();
    const overview = await call<{ byType: { key: string; count: number }[] }>('overview:get', {});
    expect(overview.byType).toEqual(expect.arrayContaining([{ key: 'domain', count: 3 }, { key: 'ipv4', count: 1 }]));
    const saved = await call<{ id: number; name: string }>('views:save', { name: 'New domains', query: view });
    expect((await call<{ name: string }[]>('views:list', {})).map((v) => v.name)).toEqual(['New domains']);
    expect(await call('views:delete', { id: saved.id })).toEqual({ deleted: true });
    session.lock('user');
  });

  it('refuses triage writes while an import is being written, and shows only committed rows meanwhile', async () => {
    const { session, call, dispatch, events } = await sessionWithIndicators(5);
    const lines = Array.from({ length: 200_000 }, (_, i) => `host${i}.lantern-example.com`).join('\n');
    const grantId = session.grantFiles([{ kind: 'bytes', name: 'big.txt', bytes: new TextEncoder().encode(lines) }]);
    const { jobId } = session.startImport(grantId, { format: 'text', strict: false });
    const patch = { ids: [1], patch: { status: 'malicious' } };
    const refused = await dispatch('triage:update', patch);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(await dispatch('views:save', { name: 'mine', query: view })).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(await dispatch('settings:update', { autoLockMinutes: 30 })).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    // Reads go on, on the committed data: rows the import has written (and will roll back) do not show.
    const written = () => session.requireVault().db.prepare('SELECT max(id) FROM indicators').pluck().get() as number;
    await expect.poll(written, { timeout: 20_000 }).toBeGreaterThan(6);
    const newest = { filter: {}, sort: { key: 'id', direction: 'desc' } } as const;
    expect((await call<QueuePage>('queue:page', { ...newest, limit: 1 })).rows[0]!.id).toBe(6);
    expect(await call('queue:total', view)).toEqual({ total: 6 });
    session.cancelImport(jobId);
    await expect.poll(() => events.some((e) => e.type === 'import:failed'), { timeout: 20_000 }).toBe(true);
    expect(await call('queue:total', view)).toEqual({ total: 6 });
    expect(await call('triage:update', patch)).toMatchObject({ count: 1 });
    const [row] = (await call<QueuePage>('queue:page', { ...view, limit: 1 })).rows;
    expect(row).toMatchObject({ id: 1, status: 'malicious' });
    session.lock('user');
  });
});
