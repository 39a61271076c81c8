/**
 * Reads MITRE's ATT&CK STIX 2.1 bundles (enterprise-attack.json, mobile-attack.json, ics-attack.json, as
 * published in mitre-attack/attack-stix-data) into catalogues, one per domain. The file is streamed
 * through the ingest layer's JSON splitter, so memory is bounded by the largest object, not the 40 MB
 * file, and a syntax error is reported with its byte and line.
 *
 * What is kept: attack-pattern objects with a MITRE external id (source_name mitre-attack,
 * mitre-mobile-attack or mitre-ics-attack), their kill-chain phases as tactics, and x-mitre-tactic
 * objects (x_mitre_shortname) in the order of the domain's x-mitre-matrix. Revoked and deprecated
 * objects are skipped, as ATT&CK's own tools do.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../../errors';
import { IngestError } from '../../ingest/ingest-record';
import { streamJsonElements } from '../../ingest/json';
import type { AttackDomain } from './attack-reads';

export interface AttackTechniqueEntry {
  id: string;
  name: string;
  url: string | null;
  tactics: string[];
  isSubtechnique: boolean;
}

export interface AttackTacticEntry {
  id: string;
  externalId: string;
  shortname: string;
  name: string;
}

export interface AttackCatalogueFile {
  domain: AttackDomain;
  version: string;
  modified: string | null;
  techniques: AttackTechniqueEntry[];
  tactics: AttackTacticEntry[];
}

export interface AttackBundle {
  fileName: string;
  sha256: string;
  catalogues: AttackCatalogueFile[];
  /** Revoked or deprecated objects left out. */
  skipped: number;
}

// A Map, not an object literal: a file's `source_name: "__proto__"` or `"constructor"` must not find
// Object.prototype's members and pass them on as a domain.
const SOURCE_DOMAINS: ReadonlyMap<string, AttackDomain> = new Map([
  ['mitre-attack', 'enterprise-attack'],
  ['mitre-mobile-attack', 'mobile-attack'],
  ['mitre-ics-attack', 'ics-attack'],
]);
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const TACTIC_ID = /^TA\d{4}$/;

interface Collected {
  techniques: Map<AttackDomain, Map<string, AttackTechniqueEntry>>;
  tactics: Map<string, AttackTacticEntry & { domains: AttackDomain[] }>;
  matrices: Map<AttackDomain, string[]>;
  version: string | null;
  modified: string | null;
  skipped: number;
  isBundle: boolean;
}

/** Streams and reads an ATT&CK bundle; throws INVALID_INPUT naming the file (and place) when it is not one. */
export async function readAttackBundle(path: string): Promise<AttackBundle> {
  const fileName = basename(path);
  const hash = createHash('sha256');
  const collected: Collected = { techniques: new Map(), tactics: new Map(), matrices: new Map(), version: null, modified: null, skipped: 0, isBundle: false };
  try {
    const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
    const hashed = (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        yield chunk;
      }
    })();
    for await (const batch of streamJsonElements(hashed, { fileName, streamKeys: ['objects'] })) {
      for (const element of batch) {
        if (element.kind === 'field' && element.key === 'type') collected.isBundle = element.value === 'bundle';
        if (element.kind === 'item' && element.key === 'objects') collect(collected, element.value);
      }
    }
  } catch (error) {
    if (error instanceof IngestError) throw new WorkbenchError('INVALID_INPUT', `${fileName}: ${error.location}: ${error.reason}. Nothing was loaded.`, { cause: error });
    if (isNodeError(error, 'ENOENT')) throw new WorkbenchError('NOT_FOUND', `${fileName}: no such file.`, { cause: error });
    if (isNodeError(error, 'EISDIR')) throw new WorkbenchError('INVALID_INPUT', `${fileName} is a folder; give the bundle file (e.g. enterprise-attack.json).`, { cause: error });
    throw error;
  }
  if (!collected.isBundle) throw new WorkbenchError('INVALID_INPUT', `${fileName} is not a STIX bundle ("type": "bundle"); download enterprise-attack.json from MITRE's attack-stix-data. Nothing was loaded.`);
  const catalogues = toCatalogues(collected);
  if (catalogues.length === 0) {
    throw new WorkbenchError('INVALID_INPUT', `${fileName} holds no ATT&CK techniques (attack-pattern objects with a mitre-attack id). Nothing was loaded.`);
  }
  return { fileName, sha256: hash.digest('hex'), catalogues, skipped: collected.skipped };
}

function collect(into: Collected, value: unknown): void {
  if (!isRecord(value) || typeof value.type !== 'string') return;
  if (value.type === 'x-mitre-collection') {
    if (typeof value.x_mitre_version === 'string') into.version = value.x_mitre_version;
    if (typeof value.modified === 'string') into.modified = value.modified;
    return;
  }
  if (value.type !== 'attack-pattern' && value.type !== 'x-mitre-tactic' && value.type !== 'x-mitre-matrix') return;
  if (value.revoked === true || value.x_mitre_deprecated === true) {
    into.skipped += 1;
    return;
  }
  const ref = mitreReference(value);
  if (value.type === 'x-mitre-matrix') {
    if (ref && Array.isArray(value.tactic_refs)) into.matrices.set(ref.domain, value.tactic_refs.filter((r): r is string => typeof r === 'string'));
    return;
  }
  if (!ref || typeof value.name !== 'string' || typeof value.id !== 'string') return;
  const domains = domainsOf(value, ref.domain);
  if (value.type === 'x-mitre-tactic') {
    if (TACTIC_ID.test(ref.externalId) && typeof value.x_mitre_shortname === 'string' && /^[a-z0-9-]{1,64}$/.test(value.x_mitre_shortname)) {
      into.tactics.set(value.id, { id: value.id, externalId: ref.externalId, shortname: value.x_mitre_shortname, name: value.name, domains });
    }
    return;
  }
  if (!TECHNIQUE_ID.test(ref.externalId)) return;
  const phases = Array.isArray(value.kill_chain_phases) ? value.kill_chain_phases : [];
  const tactics = phases.flatMap((p) =>
    isRecord(p) && typeof p.phase_name === 'string' && typeof p.kill_chain_name === 'string' && SOURCE_DOMAINS.has(p.kill_chain_name) && /^[a-z0-9-]{1,64}$/.test(p.phase_name)
      ? [p.phase_name]
      : [],
  );
  const entry: AttackTechniqueEntry = {
    id: ref.externalId,
    name: value.name.slice(0, 500),
    url: ref.url,
    tactics: [...new Set(tactics)],
    isSubtechnique: value.x_mitre_is_subtechnique === true || ref.externalId.includes('.'),
  };
  for (const domain of domains) {
    const map = into.techniques.get(domain) ?? new Map<string, AttackTechniqueEntry>();
    into.techniques.set(domain, map);
    map.set(entry.id, entry);
  }
}

function toCatalogues(collected: Collected): AttackCatalogueFile[] {
  const out: AttackCatalogueFile[] = [];
  for (const [domain, techniques] of collected.techniques) {
    const ofDomain = [...collected.tactics.values()].filter((t) => t.domains.includes(domain));
    const order = collected.matrices.get(domain);
    const rank = (t: AttackTacticEntry) => {
      const i = order?.indexOf(t.id) ?? -1;
      return i >= 0 ? i : 1000 + Number(t.externalId.slice(2));
    };
    const tactics = ofDomain.sort((a, b) => rank(a) - rank(b)).map(({ domains: _domains, ...t }) => t);
    out.push({
      domain,
      version: collected.version ?? collected.modified ?? 'unknown',
      modified: collected.modified,
      techniques: [...techniques.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      tactics,
    });
  }
  return out.sort((a, b) => a.domain.localeCompare(b.domain));
}

function mitreReference(value: Record<string, unknown>): { externalId: string; url: string | null; domain: AttackDomain } | null {
  if (!Array.isArray(value.external_references)) return null;
  for (const ref of value.external_references) {
    if (!isRecord(ref) || typeof ref.source_name !== 'string' || typeof ref.external_id !== 'string') continue;
    const domain = SOURCE_DOMAINS.get(ref.source_name);
    if (!domain) continue;
    const url = typeof ref.url === 'string' && /^https:\/\/attack\.mitre\.org\//.test(ref.url) ? ref.url : null;
    return { externalId: ref.external_id.trim().toUpperCase(), url, domain };
  }
  return null;
}

/** x_mitre_domains when the object lists known ones, else the domain its reference names. */
function domainsOf(value: Record<string, unknown>, fallback: AttackDomain): AttackDomain[] {
  const listed = Array.isArray(value.x_mitre_domains)
    ? value.x_mitre_domains.filter((d): d is AttackDomain => d === 'enterprise-attack' || d === 'mobile-attack' || d === 'ics-attack')
    : [];
  return listed.length > 0 ? listed : [fallback];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNodeError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
