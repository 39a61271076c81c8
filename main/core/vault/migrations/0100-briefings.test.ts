import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { migration0100Briefings } from './0100-briefings';

/** The schema just before briefings, whatever other capabilities slot in below 0100. */
const PREVIOUS = MIGRATIONS[MIGRATIONS.indexOf(migration0100Briefings) - 1]!.version;

function vaultBefore(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys=ON');
  migrate(db, { target: PREVIOUS });
  db.exec(`
    INSERT INTO indicators (id, type, value, tlp_rank, created_at, updated_at) VALUES
      (1, 'ipv4', '203.0.113.9', 2, 'now', 'now'), (2, 'domain', 'example.org', 1, 'now', 'now');
  `);
  migrate(db, { target: 100 });
  return db;
}

function briefingWithVersion1(db: Database.Database): void {
  db.exec(`
    INSERT INTO briefings (id, uid, latest_version, created_at, created_by, updated_at) VALUES (1, 'b-1', 0, 'now', 'ana', 'now');
    INSERT INTO briefing_versions (briefing_id, version, title, summary, tlp_rank, created_at, created_by) VALUES
      (1, 0, 'Draft', '', 2, 'now', 'ana'), (1, 1, 'Draft', '', 2, 'now', 'ana');
    INSERT INTO briefing_sections (briefing_id, version, position, section_uid, heading, body, tlp_rank) VALUES
      (1, 0, 0, 's1', 'Infrastructure', 'text', 2), (1, 1, 0, 's1', 'Infrastructure', 'text', 2);
    INSERT INTO briefing_indicators (briefing_id, version, indicator_id) VALUES (1, 0, 1), (1, 1, 1);
    UPDATE briefings SET latest_version = 1;
  `);
}

describe('0100 briefings', () => {
  it('keeps existing indicators, seeds the two built-in templates and starts every indicator outside briefings', () => {
    const db = vaultBefore();
    expect(readSchemaVersion(db)).toBe(100);
    expect(db.prepare('SELECT count(*) FROM indicators WHERE in_briefings = 0').pluck().get()).toBe(2);
    const templates = db.prepare('SELECT key, name, sections_json FROM briefing_templates ORDER BY id').all() as { key: string; name: string; sections_json: string }[];
    expect(templates.map((t) => [t.key, t.name])).toEqual([['car', 'Cyber Activity Report'], ['brief', 'Operational brief']]);
    const car = JSON.parse(templates[0]!.sections_json) as { heading: string }[];
    expect(car.map((s) => s.heading)).toEqual(['Targeted sectors and countries', 'Infrastructure', 'Indicators', 'Recommended actions']);
    expect(() => db.prepare("UPDATE briefing_templates SET name = 'x' WHERE key = 'car'").run()).toThrow(/built-in/);
  });

  it('counts the working drafts attaching an indicator, for the queue filter', () => {
    const db = vaultBefore();
    briefingWithVersion1(db);
    expect(db.prepare('SELECT in_briefings FROM indicators WHERE id = 1').pluck().get()).toBe(1);
    db.prepare('DELETE FROM briefing_indicators WHERE briefing_id = 1 AND version = 0 AND indicator_id = 1').run();
    expect(db.prepare('SELECT in_briefings FROM indicators WHERE id = 1').pluck().get()).toBe(0);
  });

  it('freezes saved versions: no update, no delete, no rows added to them later', () => {
    const db = vaultBefore();
    briefingWithVersion1(db);
    expect(() => db.prepare("UPDATE briefing_versions SET title = 'changed' WHERE version = 1").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM briefing_versions WHERE version = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE briefing_sections SET body = 'changed' WHERE version = 1").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM briefing_indicators WHERE version = 1').run()).toThrow(/immutable/);
    expect(() => db.prepare('INSERT INTO briefing_indicators (briefing_id, version, indicator_id) VALUES (1, 1, 2)').run()).toThrow(/immutable/);
    db.prepare("UPDATE briefing_sections SET body = 'edited draft' WHERE version = 0").run();
    expect(db.prepare("SELECT body FROM briefing_sections WHERE version = 1").pluck().get()).toBe('text');
  });

  it('allows only the workflow moves, and nothing at all once published', () => {
    const db = vaultBefore();
    briefingWithVersion1(db);
    expect(() => db.prepare("UPDATE briefings SET status = 'published'").run()).toThrow(/status can only move/);
    db.prepare("UPDATE briefings SET status = 'in-review'").run();
    db.prepare("UPDATE briefings SET status = 'draft'").run();
    db.prepare("UPDATE briefings SET status = 'in-review'").run();
    db.prepare("UPDATE briefings SET status = 'approved'").run();
    db.prepare("UPDATE briefing_versions SET published_at = 'now' WHERE version = 1").run();
    db.prepare("UPDATE briefings SET status = 'published'").run();
    expect(() => db.prepare("UPDATE briefings SET status = 'draft'").run()).toThrow();
    expect(() => db.prepare("UPDATE briefings SET updated_at = 'later'").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE briefing_versions SET title = 'x' WHERE version = 0").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE briefing_sections SET body = 'x' WHERE version = 0").run()).toThrow(/immutable/);
    expect(() => db.prepare('INSERT INTO briefing_indicators (briefing_id, version, indicator_id) VALUES (1, 0, 2)').run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE briefing_versions SET published_at = 'later' WHERE version = 1").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM briefings').run()).toThrow(/kept/);
  });
});
