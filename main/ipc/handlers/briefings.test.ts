import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import type { AttachOutcome, BriefingDetail, BriefingExportOutcome, BriefingTemplate, QueuePage } from '../../../preload/contract';
import { WorkbenchSession, type SessionEvent } from '../../core/session';
import { createDispatcher } from '../dispatch';

const dirs = tempDirs('liaison-briefings-ipc-');
afterEach(() => dirs.cleanup());

async function session() {
  const root = dirs.make();
  const exportFolder = join(root, 'exports');
  const workbench = new WorkbenchSession({ location: join(root, 'vault'), actor: 'analyst', exportFolder });
  const dispatch = createDispatcher(workbench, () => undefined);
  await workbench.create('a long enough passphrase');
  const events: SessionEvent[] = [];
  workbench.onEvent((event) => events.push(event));
  const csv = ['type,value', 'domain,lantern-1.com', 'domain,lantern-2.com', 'ipv4,185.220.101.45'].join('\n');
  const grantId = workbench.grantFiles([{ kind: 'bytes', name: 'feed.csv', bytes: new TextEncoder().encode(csv) }]);
  workbench.startImport(grantId, { format: 'csv', partial: false, tlp: 'green' });
  await expect.poll(() => events.some((e) => e.type === 'import:finished'), { timeout: 20_000 }).toBe(true);
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { workbench, dispatch, call, exportFolder };
}

describe('briefing channels', () => {
  it('create, autosave, attach from a queue filter, filter the queue by briefing, and export into the export folder', async () => {
    const { workbench, call, dispatch, exportFolder } = await session();
    const templates = await call<BriefingTemplate[]>('briefings:templates', {});
    expect(templates.map((t) => t.key)).toEqual(['car', 'brief']);
    const created = await call<BriefingDetail>('briefings:create', { title: 'Lantern', templateId: templates[1]!.id, tlp: 'green' });
    expect(created.sections.map((s) => s.heading)).toEqual(['Situation', 'Assessment', 'Indicators', 'Actions requested', 'Points of contact']);

    const saved = await call<{ revision: number }>('briefings:save-draft', {
      id: created.id,
      expectedRevision: created.revision,
      content: { summary: 'Two lookalike domains.' },
    });
    expect(saved.revision).toBe(created.revision + 1);
    const stale = await dispatch('briefings:save-draft', { id: created.id, expectedRevision: created.revision, content: { summary: 'x' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await dispatch('briefings:save-draft', { id: created.id, content: { summary: 'x' }, sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const attached = await call<AttachOutcome>('briefings:attach', { id: created.id, filter: { conditions: [{ field: 'type', op: '=', value: 'domain' }] } });
    expect(attached).toMatchObject({ changed: 2, total: 2 });
    const inBriefing = await call<QueuePage>('queue:page', {
      filter: { conditions: [{ field: 'in_briefing', op: '=', value: created.id }] },
      sort: { key: 'id', direction: 'asc' },
      limit: 10,
    });
    expect(inBriefing.rows.map((r) => r.value)).toEqual(['lantern-1.com', 'lantern-2.com']);
    expect(await call('briefings:citing', { indicatorId: inBriefing.rows[0]!.id })).toEqual([{ id: created.id, title: 'Lantern', status: 'draft', tlp: 'green', version: 2 }]);

    const outcome = await call<BriefingExportOutcome>('briefings:export', { id: created.id, format: 'csv' });
    expect(outcome).toMatchObject({ format: 'csv', marking: 'green', tlpMax: 'green', defanged: true, withheld: [], notes: [], fileName: 'lantern-v2.csv' });
    expect(fs.readFileSync(join(exportFolder, outcome.fileName), 'utf8')).toContain('lantern-1[.]com');
    const again = await call<BriefingExportOutcome>('briefings:export', { id: created.id, format: 'stix' });
    expect(again.fileName).toBe('lantern-v2.stix.json');
    expect(await call('attack:catalogues', {})).toEqual([]);
    expect(await call('attack:search', { query: 'phishing' })).toEqual([]);
    workbench.lock('user');
    expect(await dispatch('briefings:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});
