import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrate';
import { appendAudit, listAudit } from './audit-store';
import { mutate } from './mutate';

let db: Database.Database;
const at = new Date('2026-03-01T09:00:00.000Z');

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

describe('appendAudit / listAudit', () => {
  it('stores entries with JSON before/after and lists them newest first', () => {
    appendAudit(db, { at, actor: 'ana', action: 'vault.create', target: 'v-1', after: { a: 1 } });
    appendAudit(db, { at, actor: 'ana', action: 'settings.update', before: { n: 1 }, after: { n: 2 } });
    const [latest, first] = listAudit(db);
    expect(latest).toMatchObject({ action: 'settings.update', target: null, before: { n: 1 }, after: { n: 2 } });
    expect(first).toEqual({ id: 1, at: at.toISOString(), actor: 'ana', action: 'vault.create', target: 'v-1', before: null, after: { a: 1 } });
  });

  it('pages with a keyset cursor', () => {
    for (let i = 0; i < 7; i += 1) appendAudit(db, { at, actor: 'ana', action: 'test.step', target: String(i) });
    const page1 = listAudit(db, { limit: 3 });
    const page2 = listAudit(db, { limit: 3, beforeId: page1.at(-1)!.id });
    const page3 = listAudit(db, { limit: 3, beforeId: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3].map((e) => e.target)).toEqual(['6', '5', '4', '3', '2', '1', '0']);
  });

  it('rejects bad input', () => {
    expect(() => appendAudit(db, { at, actor: 'ana', action: 'nodot' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => appendAudit(db, { at, actor: '', action: 'a.b' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => listAudit(db, { limit: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => listAudit(db, { limit: 1001 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('is append-only: UPDATE and DELETE are rejected by the database itself', () => {
    appendAudit(db, { at, actor: 'ana', action: 'vault.create' });
    expect(() => db.prepare("UPDATE audit_entries SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_entries WHERE id = 1').run()).toThrow(/append-only/);
    expect(listAudit(db)[0]?.actor).toBe('ana');
  });
});

describe('mutate', () => {
  beforeEach(() => db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)'));
  const insert = (name: string) => () => Number(db.prepare('INSERT INTO things (name) VALUES (?)').run(name).lastInsertRowid);

  it('commits the change and its audit entry together, audit computed from the result', () => {
    const id = mutate(db, (newId: number) => ({ at, actor: 'ana', action: 'thing.create', target: `thing:${newId}` }), insert('x'));
    expect(listAudit(db)[0]?.target).toBe(`thing:${id}`);
  });

  it('rolls back the change when the audit entry cannot be written', () => {
    expect(() => mutate(db, { at, actor: 'ana', action: 'not-valid' }, insert('x'))).toThrow();
    expect(db.prepare('SELECT count(*) FROM things').pluck().get()).toBe(0);
  });

  it('writes no audit entry when the change fails', () => {
    expect(() =>
      mutate(db, { at, actor: 'ana', action: 'thing.create' }, () => {
        insert('x')();
        throw new Error('validation failed');
      }),
    ).toThrow('validation failed');
    expect(db.prepare('SELECT count(*) FROM things').pluck().get()).toBe(0);
    expect(listAudit(db)).toEqual([]);
  });
});
