/**
 * Stores ATT&CK catalogues, versioned like the warninglists: a domain whose version and counts are
 * unchanged is left alone; a new or changed one replaces that domain's rows and is audited
 * (`attack.load`, versions before and after), all in one transaction with the audit entries.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../../audit';
import type { AttackBundle } from './attack-bundle';

export interface LoadedCatalogue {
  domain: string;
  version: string;
  techniques: number;
  tactics: number;
  outcome: 'new' | 'updated' | 'unchanged';
}

export interface AttackLoadResult {
  fileName: string;
  catalogues: LoadedCatalogue[];
  skipped: number;
}

export function storeAttackBundle(db: Database, author: { actor: string; at: Date }, bundle: AttackBundle): AttackLoadResult {
  return db
    .transaction((): AttackLoadResult => {
      const at = author.at.toISOString();
      const catalogues: LoadedCatalogue[] = [];
      const tactic = db.prepare('INSERT INTO attack_tactics (catalogue_id, shortname, external_id, name, position) VALUES (?, ?, ?, ?, ?)');
      const technique = db.prepare(
        'INSERT INTO attack_techniques (catalogue_id, technique_id, name, url, tactics, is_subtechnique) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const file of bundle.catalogues) {
        const known = db
          .prepare('SELECT id, version, technique_count AS techniques, tactic_count AS tactics FROM attack_catalogues WHERE domain = ?')
          .get(file.domain) as { id: number; version: string; techniques: number; tactics: number } | undefined;
        const counts = { techniques: file.techniques.length, tactics: file.tactics.length };
        if (known && known.version === file.version && known.techniques === counts.techniques && known.tactics === counts.tactics) {
          catalogues.push({ domain: file.domain, version: file.version, ...counts, outcome: 'unchanged' });
          continue;
        }
        if (known) {
          db.prepare('DELETE FROM attack_techniques WHERE catalogue_id = ?').run(known.id);
          db.prepare('DELETE FROM attack_tactics WHERE catalogue_id = ?').run(known.id);
          db.prepare('DELETE FROM attack_catalogues WHERE id = ?').run(known.id);
        }
        const id = Number(
          db
            .prepare(
              `INSERT INTO attack_catalogues (domain, version, modified, file_name, file_sha256, technique_count, tactic_count, loaded_at, loaded_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(file.domain, file.version, file.modified, bundle.fileName, bundle.sha256, counts.techniques, counts.tactics, at, author.actor).lastInsertRowid,
        );
        file.tactics.forEach((t, i) => tactic.run(id, t.shortname, t.externalId, t.name, i));
        for (const t of file.techniques) technique.run(id, t.id, t.name, t.url, t.tactics.join(' '), t.isSubtechnique ? 1 : 0);
        appendAudit(db, {
          at: author.at,
          actor: author.actor,
          action: 'attack.load',
          target: `attack:${file.domain}`,
          before: known ? { version: known.version, techniques: known.techniques, tactics: known.tactics } : null,
          after: { version: file.version, ...counts, file: bundle.fileName, sha256: bundle.sha256 },
        });
        catalogues.push({ domain: file.domain, version: file.version, ...counts, outcome: known ? 'updated' : 'new' });
      }
      return { fileName: bundle.fileName, catalogues, skipped: bundle.skipped };
    })
    .immediate();
}
