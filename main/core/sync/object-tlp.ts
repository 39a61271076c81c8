import type { TlpLevel } from '../ingest/ingest-record';
import { mostRestrictiveTlp, TLP_MARKING_IDS } from '../ingest/stix/tlp-markings';
import { tlpRank } from '../vault/queries/tlp-rank';

/**
 * The TLP an object carries through its object_marking_refs (and granular markings), as a rank.
 * Unmarked or marked only by a definition we do not know counts as AMBER, the import default: a missing
 * marking must never make an object shareable by accident. TLP marking definitions themselves are CLEAR.
 */
export function objectTlpRank(object: Record<string, unknown>): number {
  if (object.type === 'marking-definition') return tlpRank('clear');
  const refs: unknown[] = [];
  if (Array.isArray(object.object_marking_refs)) refs.push(...(object.object_marking_refs as unknown[]));
  if (Array.isArray(object.granular_markings)) {
    for (const g of object.granular_markings as { marking_ref?: unknown }[]) refs.push(g?.marking_ref);
  }
  let level: TlpLevel | undefined;
  for (const ref of refs) level = mostRestrictiveTlp(level, typeof ref === 'string' ? TLP_MARKING_IDS[ref] : undefined);
  return tlpRank(level ?? 'amber');
}
