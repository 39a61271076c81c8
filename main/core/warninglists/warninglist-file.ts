/**
 * The MISP warninglist file format (misp-warninglists `lists/<name>/list.json`): name, version,
 * description, type (string | substring | hostname | cidr | regex), list, matching_attributes and an
 * optional category ("false-positive" or "known"; classified when absent). Validated by hand: the core takes no zod dependency.
 */
import { WorkbenchError } from '../errors';
import { categoryField, classifyWarninglist, type WarninglistCategory } from './warninglist-category';

export const WARNINGLIST_TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

export interface WarninglistFile {
  name: string;
  version: number;
  description: string;
  type: WarninglistType;
  /** The file's own category, or the one classifyWarninglist gives it (see warninglist-category.ts). */
  category: WarninglistCategory;
  categorySource: 'file' | 'classified';
  /** MISP attribute types the list applies to; empty = every type. */
  matchingAttributes: string[];
  entries: string[];
}

/** Parses one list.json; INVALID_INPUT naming `label` (a relative path) when it is not a warninglist. */
export function parseWarninglist(text: string, label: string): WarninglistFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(label, 'is not JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw invalid(label, 'is not a JSON object');
  const o = json as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name.trim() === '') throw invalid(label, 'has no name');
  const version = typeof o.version === 'string' && /^\d+$/.test(o.version) ? Number(o.version) : o.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw invalid(label, 'has no whole-number version');
  const type = o.type === undefined ? 'string' : o.type;
  if (typeof type !== 'string' || !(WARNINGLIST_TYPES as readonly string[]).includes(type)) throw invalid(label, `has an unknown type "${String(type)}"`);
  if (!Array.isArray(o.list)) throw invalid(label, 'has no list');
  const entries = [...new Set(o.list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean))];
  const matching = Array.isArray(o.matching_attributes) ? o.matching_attributes.filter((v): v is string => typeof v === 'string') : [];
  const name = o.name.trim();
  const description = typeof o.description === 'string' ? o.description : '';
  const stated = categoryField(o.category);
  return {
    name,
    version,
    description,
    type: type as WarninglistType,
    category: stated ?? classifyWarninglist({ name, description, type, entries }),
    categorySource: stated ? 'file' : 'classified',
    matchingAttributes: matching,
    entries,
  };
}

function invalid(label: string, reason: string): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', `${label} ${reason}.`);
}
