import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { migrate } from './migrate';
import { readSettings, updateSettings } from './settings-store';

let db: Database.Database;
const now = () => new Date('2026-03-01T09:00:00.000Z');

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

describe('settings store', () => {
  it('defaults auto-lock to 15 minutes', () => {
    expect(readSettings(db)).toEqual({ autoLockMinutes: 15 });
  });

  it('updates and records settings.update with before/after in the same transaction', () => {
    expect(updateSettings(db, 'ana', { autoLockMinutes: 30 }, now)).toEqual({ autoLockMinutes: 30 });
    expect(readSettings(db)).toEqual({ autoLockMinutes: 30 });
    expect(listAudit(db)).toEqual([
      {
        id: 1,
        at: '2026-03-01T09:00:00.000Z',
        actor: 'ana',
        action: 'settings.update',
        target: 'settings',
        before: { autoLockMinutes: 15 },
        after: { autoLockMinutes: 30 },
      },
    ]);
  });

  it('writes nothing for a patch that changes nothing', () => {
    updateSettings(db, 'ana', { autoLockMinutes: 15 }, now);
    updateSettings(db, 'ana', {}, now);
    expect(listAudit(db)).toEqual([]);
  });

  it.each([0, 241, 1.5, Number.NaN, '10' as unknown as number])('rejects auto-lock %s', (value) => {
    expect(() => updateSettings(db, 'ana', { autoLockMinutes: value }, now)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(listAudit(db)).toEqual([]);
  });

  it('rejects unknown settings', () => {
    expect(() => updateSettings(db, 'ana', { theme: 'dark' } as never, now)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('falls back to the default when a stored value is invalid', () => {
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('autoLockMinutes', '9999', 'x')").run();
    expect(readSettings(db)).toEqual({ autoLockMinutes: 15 });
  });
});
