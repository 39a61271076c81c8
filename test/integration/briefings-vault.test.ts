import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import { BriefingService, readBriefingForExport, requireTemplateByKey } from '../../main/core/briefings';
import { readQueuePage } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault, unlockVault, type Vault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-briefings-');
afterEach(() => dirs.cleanup());
const PASSPHRASE = 'briefings test passphrase';

async function openVault(): Promise<{ vault: Vault; service: BriefingService; location: string; changes: () => number }> {
  const location = path.join(dirs.make(), 'vault');
  const vault = await createVault(location, PASSPHRASE, { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
  let changes = 0;
  const service = new BriefingService({
    reader: () => vault.db,
    writer: () => vault.db,
    author: () => ({ actor: vault.actor, at: vault.now() }),
    changed: () => {
      changes += 1;
    },
  });
  return { vault, service, location, changes: () => changes };
}

function seed(vault: Vault): number[] {
  return seedIndicators(vault.db, [
    { type: 'ipv4', value: '203.0.113.9', tlpRank: 2, status: 'malicious', tags: ['c2'] },
    { type: 'domain', value: 'evil.example', tlpRank: 1, status: 'malicious' },
    { type: 'hostname', value: 'cdn.evil.example', tlpRank: 4, status: 'suspicious' },
    { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', tlpRank: 0, status: 'benign' },
  ]);
}

function auditActions(vault: Vault): string[] {
  return listAudit(vault.db, { limit: 1000 })
    .filter((e) => e.target?.startsWith('briefing'))
    .map((e) => e.action)
    .reverse();
}

describe('briefings on a real encrypted vault', () => {
  it('creates from the CAR template, autosaves without versions, saves, diffs and restores as a new version', async () => {
    const { vault, service, location } = await openVault();
    const car = requireTemplateByKey(vault.db, 'car');
    const created = service.create({ title: 'APT-X phishing wave', templateId: car.id, tlp: 'amber' });
    expect(created.version).toBe(1);
    expect(created.sections.map((s) => s.heading)).toEqual(['Targeted sectors and countries', 'Infrastructure', 'Indicators', 'Recommended actions']);
    expect(created.sections.every((s) => s.tlp === 'amber')).toBe(true);
    expect(created.authors).toEqual([{ name: 'ana', organisation: null }]);

    const sections = created.sections.map((s, i) => (i === 1 ? { ...s, bodyMarkdown: 'C2 on 203.0.113.9, rotating weekly.' } : s));
    const draft = service.saveDraft(created.id, { sections, summary: 'A wave of phishing against ministries.' }, created.revision);
    const again = service.saveDraft(created.id, { techniques: ['t1566.001', 'T1566.001', 'T9999'] }, draft.revision);
    expect(again.revision).toBe(draft.revision + 1);
    expect(service.versions(created.id).map((v) => v.version)).toEqual([1]);
    expect(() => service.saveDraft(created.id, { title: 'Stale editor' }, draft.revision)).toThrow(/changed elsewhere/);

    const saved = service.save(created.id, { note: 'first full draft' });
    expect(saved.version).toBe(2);
    expect(saved.hasUnsavedDraft).toBe(false);
    expect(saved.techniques).toEqual(['T1566.001', 'T9999']);
    expect(saved.techniqueDetails).toEqual([
      { id: 'T1566.001', name: null, tactics: [], url: null },
      { id: 'T9999', name: null, tactics: [], url: null },
    ]);
    expect(service.save(created.id).version).toBe(2);

    const diff = service.diff(created.id, 1, 2);
    expect(diff.unified).toContain('+C2 on 203.0.113.9, rotating weekly.');
    expect(diff.unified).toContain('+- T1566.001');
    expect(diff.unified).toContain('+A wave of phishing against ministries.');
    expect(diff.removed).toBeGreaterThan(0);

    const restored = service.restore(created.id, 1);
    expect(restored.version).toBe(3);
    expect(restored.sections[1]!.bodyMarkdown).toBe('');
    expect(restored.techniques).toEqual([]);
    expect(service.versions(created.id)[0]).toMatchObject({ version: 3, restoredFrom: 1, note: 'Restored version 1' });
    expect(service.get(created.id, { version: 2 }).sections[1]!.bodyMarkdown).toBe('C2 on 203.0.113.9, rotating weekly.');
    expect(service.diff(created.id, 1, 3).unified).toBe('');

    // The two autosaves a second apart are one editing burst: one draft entry (see draft-audit.ts).
    expect(auditActions(vault)).toEqual(['briefing.create', 'briefing.save-draft', 'briefing.save', 'briefing.restore']);

    vault.close();
    const reopened = await unlockVault(location, PASSPHRASE, { actor: 'ana' });
    expect(reopened.db.prepare('SELECT count(*) FROM briefing_versions WHERE briefing_id = ? AND version > 0').pluck().get(created.id)).toBe(3);
    reopened.close();
  });

  it('follows the workflow, and a published briefing refuses every change, in the service and in SQL', async () => {
    const { vault, service } = await openVault();
    const ids = seed(vault);
    const b = service.create({ title: 'Operational brief', tlp: 'green' });
    expect(() => service.setStatus(b.id, 'published')).toThrow(/cannot move from draft to published/);
    service.saveDraft(b.id, { summary: 'unsaved' });
    expect(() => service.setStatus(b.id, 'in-review')).toThrow(/unsaved draft changes/);
    service.save(b.id);
    expect(service.setStatus(b.id, 'in-review').status).toBe('in-review');
    expect(service.setStatus(b.id, 'draft').status).toBe('draft');
    service.setStatus(b.id, 'in-review');
    service.attach(b.id, { indicatorIds: [ids[0]!] });
    expect(service.setStatus(b.id, 'approved').status).toBe('approved');
    expect(() => service.saveDraft(b.id, { title: 'after approval' })).toThrow(/approved/);
    const published = service.setStatus(b.id, 'published');
    expect(published.status).toBe('published');
    expect(service.versions(b.id)[0]!.publishedAt).not.toBeNull();

    expect(() => service.save(b.id, { patch: { title: 'x' } })).toThrow(/published briefings are immutable/);
    expect(() => service.attach(b.id, { indicatorIds: [ids[1]!] })).toThrow(/immutable/);
    expect(() => service.restore(b.id, 1)).toThrow(/immutable/);
    expect(() => service.setStatus(b.id, 'draft')).toThrow(/published briefing is final/);
    expect(() => vault.db.prepare("UPDATE briefing_versions SET title = 'forged' WHERE briefing_id = ?").run(b.id)).toThrow(/immutable/);
    expect(() => vault.db.prepare('DELETE FROM briefing_indicators WHERE briefing_id = ?').run(b.id)).toThrow(/immutable/);
    expect(auditActions(vault).filter((a) => a === 'briefing.status')).toHaveLength(5);
    vault.close();
  });

  it('attaches by id, TYPE:VALUE and --where, shows live triage state, and feeds the queue filter', async () => {
    const { vault, service, changes } = await openVault();
    const ids = seed(vault);
    const b = service.create({ title: 'Attachments', tlp: 'amber' });
    const other = service.create({ title: 'Other', tlp: 'amber' });

    const byKeys = service.attach(b.id, { keys: ['ipv4:203.0.113[.]9', 'domain:evil.example', 'domain:not-in-vault.example'] });
    expect(byKeys).toMatchObject({ changed: 2, unchanged: 0, notFound: ['domain:not-in-vault.example'], total: 2, version: 2 });
    const byWhere = service.attach(b.id, { where: 'status=malicious,suspicious' });
    expect(byWhere).toMatchObject({ changed: 1, unchanged: 2, total: 3, version: 3 });
    expect(service.attach(b.id, { indicatorIds: [ids[0]!] })).toMatchObject({ changed: 0, version: 3 });
    service.attach(other.id, { indicatorIds: [ids[3]!, ids[0]!] });
    expect(changes()).toBe(3);

    vault.db.prepare("UPDATE indicators SET status = 'false-positive' WHERE id = ?").run(ids[1]);
    const detail = service.get(b.id);
    expect(detail.indicators.find((i) => i.id === ids[1])!.status).toBe('false-positive');
    expect(detail.indicators.find((i) => i.id === ids[0])!.tags).toEqual(['c2']);
    expect(detail.marking).toBe('red');
    expect(detail.indicatorCount).toBe(3);

    const queue = (conditions: { field: 'in_briefing'; op: '=' | '!='; value: string | number }[]) =>
      readQueuePage(vault.db, { filter: { conditions }, sort: { key: 'id', direction: 'asc' }, limit: 50 }).rows.map((r) => r.id);
    expect(queue([{ field: 'in_briefing', op: '=', value: 'yes' }])).toEqual(ids);
    expect(queue([{ field: 'in_briefing', op: '=', value: b.id }])).toEqual(ids.slice(0, 3));
    expect(queue([{ field: 'in_briefing', op: '!=', value: b.id }])).toEqual([ids[3]]);

    const third = service.create({ title: 'Copy of the attachments', tlp: 'amber' });
    expect(service.attach(third.id, { where: `in_briefing=${b.id} tlp<=amber` })).toMatchObject({ changed: 2, total: 2 });
    expect(() => service.attach(third.id, { where: 'in_briefing=maybe' })).toThrow(/in_briefing takes yes, no, or briefing ids/);
    service.detach(third.id, { all: true });

    expect(service.detach(b.id, { keys: ['hostname:cdn.evil.example'] })).toMatchObject({ changed: 1, total: 2 });
    expect(queue([{ field: 'in_briefing', op: '=', value: b.id }])).toEqual(ids.slice(0, 2));
    expect(service.detach(other.id, { all: true })).toMatchObject({ changed: 2, total: 0 });
    expect(queue([{ field: 'in_briefing', op: '=', value: 'no' }])).toEqual([ids[2], ids[3]]);
    expect(auditActions(vault)).toEqual([
      'briefing.create',
      'briefing.create',
      'briefing.attach',
      'briefing.attach',
      'briefing.attach',
      'briefing.create',
      'briefing.attach',
      'briefing.detach',
      'briefing.detach',
      'briefing.detach',
    ]);

    const input = readBriefingForExport(vault.db, b.id, undefined, 'ana');
    expect(input.version).toBe(service.get(b.id).version);
    expect(input.indicators.map((i) => [i.type, i.value, i.status])).toEqual([
      ['ipv4', '203.0.113.9', 'malicious'],
      ['domain', 'evil.example', 'false-positive'],
    ]);
    expect(input.id).toBe(detail.uid);
    vault.close();
  });

  it('refuses a 50 MB section and a 200k attach with clear messages and changes nothing', async () => {
    const { vault, service } = await openVault();
    const b = service.create({ title: 'Limits', tlp: 'amber' });
    const huge = 'a'.repeat(50 * 1024 * 1024);
    const before = vault.db.prepare('SELECT count(*) FROM audit_entries').pluck().get();
    expect(() => service.saveDraft(b.id, { sections: [{ id: 's1', heading: 'Dump', bodyMarkdown: huge, tlp: 'amber' }] })).toThrow(
      'Section "Dump" is 50 MB; at most 2 MB of Markdown is allowed.',
    );
    expect(() => service.saveDraft(b.id, { techniques: ['not a technique'] })).toThrow(/not an ATT&CK technique id/);

    const rows = Array.from({ length: 200_000 }, (_, i) => ({ type: 'ipv4', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
    seedIndicators(vault.db, rows);
    expect(() => service.attach(b.id, { where: 'type=ipv4' })).toThrow(
      /Attaching 200,000 indicators would give briefing \d+ 200,000; a briefing holds at most 50,000\..*Nothing was attached\./,
    );
    expect(service.get(b.id).indicatorCount).toBe(0);
    expect(vault.db.prepare('SELECT count(*) FROM audit_entries').pluck().get()).toBe(before);
    expect(service.versions(b.id)).toHaveLength(1);
    vault.close();
  });
});
