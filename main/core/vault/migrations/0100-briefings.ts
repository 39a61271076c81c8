import type { Migration } from './migration';

/** Tables holding a briefing's content, one row set per version (version 0 is the working draft). */
const CONTENT_TABLES = ['briefing_sections', 'briefing_authors', 'briefing_distribution', 'briefing_techniques', 'briefing_references', 'briefing_indicators'];

/**
 * Briefings (issue #11): documents whose every save is a version, their templates, the export log and the
 * offline ATT&CK catalogue.
 *
 * Version 0 of a briefing is its working draft (autosave writes there); versions 1.. are frozen copies of
 * it. Triggers, not only the service, keep history honest: a saved version is never updated or deleted,
 * and once a briefing is published nothing of it changes, so a bug or a hand-edited query cannot rewrite
 * what was sent to member countries.
 *
 * `indicators.in_briefings` (added by 0050 for the queue filter) counts the working drafts attaching an
 * indicator; triggers on the draft's attachment rows keep it exact.
 */
export const migration0100Briefings: Migration = {
  version: 100,
  name: 'briefings',
  up(db) {
    db.exec(`
      CREATE TABLE briefings (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in-review','approved','published')),
        latest_version INTEGER NOT NULL DEFAULT 0,
        -- revision counts draft writes; saved_revision is the revision the latest version froze, so the
        -- draft has unsaved changes exactly when they differ.
        revision INTEGER NOT NULL DEFAULT 0,
        saved_revision INTEGER NOT NULL DEFAULT 0,
        approved_version INTEGER,
        published_version INTEGER,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_briefings__status ON briefings(status);

      CREATE TABLE briefing_versions (
        briefing_id INTEGER NOT NULL REFERENCES briefings(id),
        version INTEGER NOT NULL CHECK (version >= 0),
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        tlp_rank INTEGER NOT NULL CHECK (tlp_rank BETWEEN 0 AND 4),
        valid_until TEXT,
        note TEXT,
        restored_from INTEGER,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        published_at TEXT,
        PRIMARY KEY (briefing_id, version)
      ) STRICT;

      -- Section bodies run to megabytes, so this is a rowid table (WITHOUT ROWID suits small rows only).
      CREATE TABLE briefing_sections (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        section_uid TEXT NOT NULL,
        heading TEXT NOT NULL,
        body TEXT NOT NULL,
        tlp_rank INTEGER NOT NULL CHECK (tlp_rank BETWEEN 0 AND 4),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT;
      CREATE UNIQUE INDEX idx_briefing_sections__briefing_id_version_position ON briefing_sections(briefing_id, version, position);

      CREATE TABLE briefing_authors (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT,
        PRIMARY KEY (briefing_id, version, position),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE briefing_distribution (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('organisation','country')),
        name TEXT NOT NULL,
        PRIMARY KEY (briefing_id, version, position),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT, WITHOUT ROWID;

      -- technique_id is kept as written (normalised upper case) even when no catalogue knows it.
      CREATE TABLE briefing_techniques (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        technique_id TEXT NOT NULL,
        PRIMARY KEY (briefing_id, version, position),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE briefing_references (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position INTEGER NOT NULL,
        url TEXT,
        external_id TEXT,
        source_name TEXT,
        description TEXT,
        PRIMARY KEY (briefing_id, version, position),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT, WITHOUT ROWID;

      -- Live references: the indicator's triage state, TLP and sightings are read from indicators when shown.
      CREATE TABLE briefing_indicators (
        briefing_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id),
        PRIMARY KEY (briefing_id, version, indicator_id),
        FOREIGN KEY (briefing_id, version) REFERENCES briefing_versions(briefing_id, version)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idx_briefing_indicators__indicator_id_version ON briefing_indicators(indicator_id, version);

      CREATE TRIGGER briefing_indicators_count_insert AFTER INSERT ON briefing_indicators WHEN NEW.version = 0
      BEGIN UPDATE indicators SET in_briefings = in_briefings + 1 WHERE id = NEW.indicator_id; END;
      CREATE TRIGGER briefing_indicators_count_delete AFTER DELETE ON briefing_indicators WHEN OLD.version = 0
      BEGIN UPDATE indicators SET in_briefings = in_briefings - 1 WHERE id = OLD.indicator_id; END;

      -- The workflow, enforced under the service too: draft -> in-review -> approved -> published, and
      -- in-review -> draft. A published briefing never changes again.
      CREATE TRIGGER briefings_published_final BEFORE UPDATE ON briefings WHEN OLD.status = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published briefing is immutable'); END;
      CREATE TRIGGER briefings_status_moves BEFORE UPDATE OF status ON briefings
      WHEN NEW.status IS NOT OLD.status AND NOT (
        (OLD.status = 'draft' AND NEW.status = 'in-review') OR
        (OLD.status = 'in-review' AND NEW.status IN ('draft','approved')) OR
        (OLD.status = 'approved' AND NEW.status = 'published'))
      BEGIN SELECT RAISE(ABORT, 'briefing status can only move draft -> in-review -> approved -> published, or back from in-review to draft'); END;
      CREATE TRIGGER briefings_no_delete BEFORE DELETE ON briefings
      BEGIN SELECT RAISE(ABORT, 'briefings are kept with their history'); END;

      -- A saved version is frozen; only its publication time is ever set, once.
      CREATE TRIGGER briefing_versions_frozen BEFORE UPDATE ON briefing_versions
      WHEN OLD.version > 0 AND (OLD.published_at IS NOT NULL
        OR NEW.title IS NOT OLD.title OR NEW.summary IS NOT OLD.summary OR NEW.tlp_rank IS NOT OLD.tlp_rank
        OR NEW.valid_until IS NOT OLD.valid_until OR NEW.note IS NOT OLD.note OR NEW.restored_from IS NOT OLD.restored_from
        OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
        OR NEW.version IS NOT OLD.version OR NEW.briefing_id IS NOT OLD.briefing_id)
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;
      CREATE TRIGGER briefing_versions_no_delete BEFORE DELETE ON briefing_versions
      WHEN OLD.version > 0
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;
      CREATE TRIGGER briefing_versions_draft_published BEFORE UPDATE ON briefing_versions
      WHEN OLD.version = 0 AND (SELECT status FROM briefings WHERE id = OLD.briefing_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published briefing is immutable'); END;
      CREATE TRIGGER briefing_versions_insert_published BEFORE INSERT ON briefing_versions
      WHEN (SELECT status FROM briefings WHERE id = NEW.briefing_id) = 'published'
      BEGIN SELECT RAISE(ABORT, 'a published briefing is immutable'); END;
      CREATE TRIGGER briefing_versions_insert_past BEFORE INSERT ON briefing_versions
      WHEN NEW.version > 0 AND NEW.version <= (SELECT latest_version FROM briefings WHERE id = NEW.briefing_id)
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;
      ${CONTENT_TABLES.map(contentTriggers).join('\n')}

      CREATE TABLE briefing_templates (
        id INTEGER PRIMARY KEY,
        key TEXT UNIQUE,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        sections_json TEXT NOT NULL,
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      CREATE TRIGGER briefing_templates_built_in_update BEFORE UPDATE ON briefing_templates WHEN OLD.built_in = 1
      BEGIN SELECT RAISE(ABORT, 'built-in templates cannot be changed'); END;
      CREATE TRIGGER briefing_templates_built_in_delete BEFORE DELETE ON briefing_templates WHEN OLD.built_in = 1
      BEGIN SELECT RAISE(ABORT, 'built-in templates cannot be changed'); END;

      -- One row per export: what left the vault, at which ceiling and marking, and what was withheld and why.
      CREATE TABLE briefing_exports (
        id INTEGER PRIMARY KEY,
        briefing_id INTEGER NOT NULL REFERENCES briefings(id),
        version INTEGER NOT NULL,
        format TEXT NOT NULL,
        tlp_max_rank INTEGER NOT NULL CHECK (tlp_max_rank BETWEEN 0 AND 4),
        marking_rank INTEGER NOT NULL CHECK (marking_rank BETWEEN 0 AND 4),
        defanged INTEGER NOT NULL CHECK (defanged IN (0, 1)),
        file_name TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        withheld_json TEXT NOT NULL,
        notes_json TEXT NOT NULL DEFAULT '[]',
        audit_id INTEGER NOT NULL,
        exported_at TEXT NOT NULL,
        exported_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_briefing_exports__briefing_id ON briefing_exports(briefing_id);
      CREATE TRIGGER briefing_exports_no_update BEFORE UPDATE ON briefing_exports
      BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
      CREATE TRIGGER briefing_exports_no_delete BEFORE DELETE ON briefing_exports
      BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;

      -- ATT&CK, one catalogue per domain (enterprise-attack, mobile-attack, ics-attack), versioned like the
      -- warninglists: loading a newer bundle replaces that domain's rows; the same version is left alone.
      CREATE TABLE attack_catalogues (
        id INTEGER PRIMARY KEY,
        domain TEXT NOT NULL UNIQUE,
        version TEXT NOT NULL,
        modified TEXT,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        technique_count INTEGER NOT NULL,
        tactic_count INTEGER NOT NULL,
        loaded_at TEXT NOT NULL,
        loaded_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE attack_tactics (
        catalogue_id INTEGER NOT NULL REFERENCES attack_catalogues(id) ON DELETE CASCADE,
        shortname TEXT NOT NULL,
        external_id TEXT NOT NULL,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (catalogue_id, shortname)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE attack_techniques (
        catalogue_id INTEGER NOT NULL REFERENCES attack_catalogues(id) ON DELETE CASCADE,
        technique_id TEXT NOT NULL,
        name TEXT NOT NULL,
        url TEXT,
        -- Tactic short names in kill-chain order, space separated (x_mitre_shortname never holds a space).
        tactics TEXT NOT NULL,
        is_subtechnique INTEGER NOT NULL CHECK (is_subtechnique IN (0, 1)),
        PRIMARY KEY (catalogue_id, technique_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idx_attack_techniques__technique_id ON attack_techniques(technique_id);
    `);
    seedTemplates(db);
  },
};

function contentTriggers(table: string): string {
  const published = (row: 'NEW' | 'OLD') => `(SELECT status FROM briefings WHERE id = ${row}.briefing_id) = 'published'`;
  return `
      CREATE TRIGGER ${table}_frozen_update BEFORE UPDATE ON ${table} WHEN OLD.version > 0 OR NEW.version > 0 OR ${published('OLD')}
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;
      CREATE TRIGGER ${table}_frozen_delete BEFORE DELETE ON ${table} WHEN OLD.version > 0 OR ${published('OLD')}
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;
      CREATE TRIGGER ${table}_frozen_insert BEFORE INSERT ON ${table}
      WHEN ${published('NEW')} OR (NEW.version > 0 AND NEW.version <= (SELECT latest_version FROM briefings WHERE id = NEW.briefing_id))
      BEGIN SELECT RAISE(ABORT, 'a saved briefing version is immutable'); END;`;
}

/** The two templates issue #11 asks for; section bodies start empty, the headings carry the structure. */
const BUILT_IN_TEMPLATES = [
  {
    key: 'car',
    name: 'Cyber Activity Report',
    description: 'For member countries: what happened, who was targeted, the infrastructure, the indicators and what to do.',
    // The summary is the briefing's own summary field, so it is not repeated as a section.
    sections: ['Targeted sectors and countries', 'Infrastructure', 'Indicators', 'Recommended actions'],
  },
  {
    key: 'brief',
    name: 'Operational brief',
    description: 'For an investigation team: the situation, the assessment, the indicators and the actions requested.',
    sections: ['Situation', 'Assessment', 'Indicators', 'Actions requested', 'Points of contact'],
  },
];

function seedTemplates(db: Parameters<Migration['up']>[0]): void {
  const insert = db.prepare(
    `INSERT INTO briefing_templates (key, name, description, sections_json, built_in, created_at, created_by)
     VALUES (@key, @name, @description, @sections, 1, '1970-01-01T00:00:00.000Z', NULL)`,
  );
  for (const template of BUILT_IN_TEMPLATES) {
    const sections = template.sections.map((heading) => ({ heading, bodyMarkdown: '', tlp: null }));
    insert.run({ key: template.key, name: template.name, description: template.description, sections: JSON.stringify(sections) });
  }
}
