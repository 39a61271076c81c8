/**
 * Reads over the loaded ATT&CK catalogues: what a briefing's technique ids mean (ids no catalogue knows
 * come back as bare ids), and the technique picker's search by id or name.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AttackCatalogue, AttackTechniqueHit, BriefingTechnique } from '../briefing-model';

/** Domains in the order a technique id is looked up when several catalogues know it. */
export const ATTACK_DOMAINS = ['enterprise-attack', 'mobile-attack', 'ics-attack'] as const;
export type AttackDomain = (typeof ATTACK_DOMAINS)[number];

const DOMAIN_ORDER = `CASE c.domain WHEN 'enterprise-attack' THEN 0 WHEN 'mobile-attack' THEN 1 ELSE 2 END`;

interface TechniqueRow {
  id: string;
  name: string;
  domain: string;
  tactics: string;
  url: string | null;
  sub: number;
}

const TECHNIQUE_SELECT = `SELECT t.technique_id AS id, t.name, c.domain, t.tactics, t.url, t.is_subtechnique AS sub
  FROM attack_techniques t JOIN attack_catalogues c ON c.id = t.catalogue_id`;

/** Names, tactics and links for technique ids, in the order given; unknown ids keep only their id. */
export function describeTechniques(db: Database, ids: readonly string[]): BriefingTechnique[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${TECHNIQUE_SELECT} WHERE t.technique_id IN (SELECT value FROM json_each(?)) ORDER BY ${DOMAIN_ORDER}`)
    .all(JSON.stringify(ids)) as TechniqueRow[];
  const byId = new Map<string, TechniqueRow>();
  for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
  return ids.map((id) => {
    const row = byId.get(id);
    return row ? { id, name: row.name, tactics: splitTactics(row.tactics), url: row.url } : { id, name: null, tactics: [], url: null };
  });
}

/**
 * Techniques whose id starts with the query (`t1566`) or whose name contains every word of it
 * (`spear phish`), ids first; an empty query lists the first techniques by id.
 */
export function searchTechniques(db: Database, query: string, limit = 20): AttackTechniqueHit[] {
  const text = query.trim();
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const params: Record<string, string | number> = { limit, idPrefix: `${escapeLike(text.toUpperCase())}%` };
  const nameTerms = words.map((word, i) => {
    params[`w${i}`] = `%${escapeLike(word)}%`;
    return `lower(t.name) LIKE @w${i} ESCAPE '\\'`;
  });
  const where = text === '' ? '1' : `(t.technique_id LIKE @idPrefix ESCAPE '\\' OR (${nameTerms.join(' AND ')}))`;
  const rows = db
    .prepare(
      `${TECHNIQUE_SELECT} WHERE ${where}
       ORDER BY (t.technique_id LIKE @idPrefix ESCAPE '\\') DESC, ${DOMAIN_ORDER}, t.technique_id
       LIMIT @limit`,
    )
    .all(params) as TechniqueRow[];
  return rows.map((row) => ({ id: row.id, name: row.name, domain: row.domain, tactics: splitTactics(row.tactics), url: row.url, isSubtechnique: row.sub === 1 }));
}

/** The loaded catalogues, one per domain. */
export function listCatalogues(db: Database): AttackCatalogue[] {
  return db
    .prepare(
      `SELECT domain, version, modified, file_name AS fileName, loaded_at AS loadedAt, loaded_by AS loadedBy,
              technique_count AS techniques, tactic_count AS tactics
       FROM attack_catalogues ORDER BY domain`,
    )
    .all() as AttackCatalogue[];
}

/** Tactic short names of a domain in matrix order (the heatmap's columns). */
export function listTactics(db: Database, domain: AttackDomain = 'enterprise-attack'): { shortname: string; name: string; externalId: string }[] {
  return db
    .prepare(
      `SELECT a.shortname, a.name, a.external_id AS externalId FROM attack_tactics a JOIN attack_catalogues c ON c.id = a.catalogue_id
       WHERE c.domain = ? ORDER BY a.position`,
    )
    .all(domain) as { shortname: string; name: string; externalId: string }[];
}

function splitTactics(text: string): string[] {
  return text ? text.split(' ') : [];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
