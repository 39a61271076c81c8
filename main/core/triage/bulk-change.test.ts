import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { migrate } from '../vault/migrate';
import { addAnalyst } from './analyst-writes';
import { applyBulkChange } from './bulk-change';
import { undoBulkChange } from './bulk-undo';
import { expireDue } from './expiry';
import { updateIndicatorTriage } from './indicator-triage';
import { seedIndicators } from './testing/seed';

let db: Database.Database;
const at = (minute: number) => ({ actor: 'ana', at: new Date(Date.UTC(2026, 2, 1, 9, minute)) });
const row = (id: number) =>
  db.prepare('SELECT status, tlp_rank AS tlp, confidence, severity, notes, assignee_id AS assignee, updated_at AS updatedAt FROM indicators WHERE id = ?').get(id) as Record<string, unknown>;
const tags = (id: number) => db.prepare('SELECT tag FROM indicator_tags WHERE indicator_id = ? ORDER BY tag').pluck().all(id);

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

describe('applyBulkChange + undoBulkChange', () => {
  it('changes the whole filtered set in one transaction with one audit entry, and undo restores it', () => {
    const ids = seedIndicators(db, [
      { type: 'domain', value: 'a.example', status: 'new', tags: ['keep'] },
      { type: 'domain', value: 'b.example', status: 'new', tlpRank: 3, confidence: 40 },
      { type: 'url', value: 'http://c.example/', status: 'new' },
      { type: 'domain', value: 'd.example', status: 'benign' },
    ]);
    const result = applyBulkChange(
      db,
      at(1),
      { filter: { conditions: [{ field: 'status', op: '=', value: 'new' }, { field: 'type', op: '=', value: 'domain' }] } },
      { status: 'malicious', tlp: 'amber', confidence: 80, addTags: ['campaign-x'], removeTags: ['keep'] },
    );
    expect(result).toMatchObject({ count: 2 });
    expect(row(ids[0]!)).toMatchObject({ status: 'malicious', tlp: 2, confidence: 80, updatedAt: '2026-03-01T09:01:00.000Z' });
    expect(tags(ids[0]!)).toEqual(['campaign-x']);
    expect(row(ids[2]!)).toMatchObject({ status: 'new' });
    const audit = listAudit(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ana', action: 'indicators.bulk-triage', target: `bulk-change:${result.changeId}`, after: { count: 2 } });
    expect(db.prepare('SELECT indicator_id FROM bulk_change_items ORDER BY indicator_id').pluck().all()).toEqual([ids[0], ids[1]]);

    const undo = undoBulkChange(db, at(2));
    expect(undo).toMatchObject({ changeId: result.changeId, count: 2, kept: 0 });
    expect(row(ids[0]!)).toMatchObject({ status: 'new', tlp: 1, confidence: null });
    expect(row(ids[1]!)).toMatchObject({ status: 'new', tlp: 3, confidence: 40 });
    expect(tags(ids[0]!)).toEqual(['keep']);
    expect(tags(ids[1]!)).toEqual([]);
    expect(listAudit(db)[0]).toMatchObject({ action: 'indicators.bulk-undo', after: { changeId: result.changeId, count: 2, kept: 0 } });
    expect(() => undoBulkChange(db, at(3))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => undoBulkChange(db, at(3), result.changeId)).toThrow(/already undone/);
  });

  it('keeps a later edit instead of silently overwriting it on undo', () => {
    const ids = seedIndicators(db, [
      { type: 'domain', value: 'a.example' },
      { type: 'domain', value: 'b.example' },
    ]);
    applyBulkChange(db, at(1), { ids }, { status: 'suspicious' });
    updateIndicatorTriage(db, { actor: 'ben', at: new Date('2026-03-01T10:00:00Z') }, ids[1]!, { status: 'malicious' });
    expect(undoBulkChange(db, at(2))).toMatchObject({ count: 2, kept: 1 });
    expect(row(ids[0]!)).toMatchObject({ status: 'new' });
    expect(row(ids[1]!)).toMatchObject({ status: 'malicious' });
  });

  it('writes nothing for an empty selection, and nothing at all when the patch is invalid', () => {
    seedIndicators(db, [{ type: 'domain', value: 'a.example' }]);
    expect(applyBulkChange(db, at(1), { filter: { conditions: [{ field: 'status', op: '=', value: 'benign' }] } }, { status: 'malicious' })).toMatchObject({ count: 0 });
    expect(() => applyBulkChange(db, at(1), { ids: [1] }, { confidence: 101 })).toThrow(/0 to 100/);
    expect(() => applyBulkChange(db, at(1), { ids: [1] }, {})).toThrow(/Nothing to change/);
    expect(() => applyBulkChange(db, at(1), { ids: [1] }, { assignee: 'ghost' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(db.prepare('SELECT count(*) FROM bulk_changes').pluck().get()).toBe(0);
    expect(listAudit(db)).toEqual([]);
  });

  it('keeps the before-images append-only', () => {
    const ids = seedIndicators(db, [{ type: 'domain', value: 'a.example' }]);
    applyBulkChange(db, at(1), { ids }, { status: 'benign' });
    expect(() => db.prepare('DELETE FROM bulk_change_items').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE bulk_change_items SET before_json = '{}'").run()).toThrow(/append-only/);
  });
});

describe('updateIndicatorTriage', () => {
  it('audits who, when, before and after for every field, assignee and notes included', () => {
    const [id] = seedIndicators(db, [{ type: 'domain', value: 'a.example', tags: ['old'] }]);
    const analyst = addAnalyst(db, at(0), { handle: 'ben', displayName: 'Ben' });
    updateIndicatorTriage(db, at(5), id!, {
      status: 'in-review',
      severity: 'high',
      admiralty: { reliability: 'B', credibility: 2 },
      assignee: 'ben',
      notes: '# Why\nSeen in **two** reports',
      validUntil: '2026-06-01',
      addTags: ['new'],
      removeTags: ['old'],
    });
    expect(row(id!)).toMatchObject({ status: 'in-review', severity: 3, assignee: analyst, notes: '# Why\nSeen in **two** reports' });
    expect(tags(id!)).toEqual(['new']);
    expect(listAudit(db)[0]).toMatchObject({
      at: '2026-03-01T09:05:00.000Z',
      actor: 'ana',
      action: 'indicator.triage',
      target: `indicator:${id}`,
      before: { status: 'new', severity: null, assignee_id: null, tags: ['old'] },
      after: { status: 'in-review', severity: 3, source_reliability: 'B', info_credibility: 2, valid_until: '2026-06-01T00:00:00.000Z' },
    });
    expect(() => updateIndicatorTriage(db, at(6), 999, { status: 'benign' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => updateIndicatorTriage(db, at(6), id!, { status: 'bogus' as never })).toThrow(/not a triage status/);
  });
});

describe('expireDue', () => {
  it('expires open indicators whose valid-until passed, audited as auto-expire, and leaves verdicts alone', () => {
    const ids = seedIndicators(db, [
      { type: 'domain', value: 'past.example', validUntil: '2026-02-01T00:00:00.000Z', status: 'malicious' },
      { type: 'domain', value: 'future.example', validUntil: '2026-09-01T00:00:00.000Z' },
      { type: 'domain', value: 'benign.example', validUntil: '2026-02-01T00:00:00.000Z', status: 'benign' },
      { type: 'domain', value: 'forever.example' },
    ]);
    const now = new Date('2026-03-01T00:00:00.000Z');
    expect(expireDue(db, { actor: 'ana', now })).toMatchObject({ count: 1 });
    expect(db.prepare('SELECT status FROM indicators ORDER BY id').pluck().all()).toEqual(['expired', 'new', 'benign', 'new']);
    expect(listAudit(db)[0]).toMatchObject({ action: 'indicators.auto-expire', after: { count: 1, change: { status: 'expired' } } });
    expect(expireDue(db, { actor: 'ana', now })).toMatchObject({ count: 0 });
    expect(listAudit(db)).toHaveLength(1);
    expect(ids).toHaveLength(4);
  });
});
