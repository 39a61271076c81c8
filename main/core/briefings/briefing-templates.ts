/**
 * Briefing templates: the built-in Cyber Activity Report and Operational brief (seeded by migration 0100)
 * and the analysts' own, saved from a briefing's section layout.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import type { BriefingTemplate, BriefingTemplateSection } from './briefing-model';

interface TemplateRow {
  id: number;
  key: string | null;
  name: string;
  description: string;
  sectionsJson: string;
  builtIn: number;
  createdBy: string | null;
  createdAt: string;
}

const TEMPLATE_SELECT = `SELECT id, key, name, description, sections_json AS sectionsJson, built_in AS builtIn, created_by AS createdBy,
  created_at AS createdAt FROM briefing_templates`;

/** Built-in templates first, then the analysts' own by name. */
export function listTemplates(db: Database): BriefingTemplate[] {
  return (db.prepare(`${TEMPLATE_SELECT} ORDER BY built_in DESC, id`).all() as TemplateRow[]).map(toTemplate);
}

export function requireTemplate(db: Database, id: number): BriefingTemplate {
  const row = db.prepare(`${TEMPLATE_SELECT} WHERE id = ?`).get(id) as TemplateRow | undefined;
  if (!row) throw new WorkbenchError('NOT_FOUND', `No briefing template ${id}.`);
  return toTemplate(row);
}

/** A template by its key (`car`, `brief`) or, failing that, by its exact name. */
export function requireTemplateByKey(db: Database, keyOrName: string): BriefingTemplate {
  const row = db.prepare(`${TEMPLATE_SELECT} WHERE key = ? OR name = ? ORDER BY key IS NULL LIMIT 1`).get(keyOrName, keyOrName) as TemplateRow | undefined;
  if (!row) {
    const known = listTemplates(db).map((t) => t.key ?? t.name);
    throw new WorkbenchError('NOT_FOUND', `No briefing template "${keyOrName}" (templates: ${known.join(', ')}).`);
  }
  return toTemplate(row);
}

export function insertTemplate(
  db: Database,
  template: { name: string; description: string; sections: BriefingTemplateSection[] },
  meta: { at: string; actor: string },
): BriefingTemplate {
  if (db.prepare('SELECT 1 FROM briefing_templates WHERE name = ?').get(template.name)) {
    throw new WorkbenchError('INVALID_INPUT', `A template named "${template.name}" already exists; choose another name.`);
  }
  const id = Number(
    db
      .prepare('INSERT INTO briefing_templates (key, name, description, sections_json, built_in, created_at, created_by) VALUES (NULL, ?, ?, ?, 0, ?, ?)')
      .run(template.name, template.description, JSON.stringify(template.sections), meta.at, meta.actor).lastInsertRowid,
  );
  return requireTemplate(db, id);
}

function toTemplate(row: TemplateRow): BriefingTemplate {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    builtIn: row.builtIn === 1,
    sections: JSON.parse(row.sectionsJson) as BriefingTemplateSection[],
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
