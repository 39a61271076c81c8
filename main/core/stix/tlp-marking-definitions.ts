/**
 * TLP marking-definition objects as published: TLP 2.0 by the OASIS extension
 * extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d (cti-stix-common-objects, tlp-2.0/examples),
 * TLP 1.0 as predefined by STIX 2.1 §7.2.1.4. The ids and `created` values are fixed by those documents;
 * a consumer recognises a marking by them, so they are written verbatim, never generated.
 */
import type { TlpLevel } from '../ingest/ingest-record';

export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export interface StixMarkingDefinition {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly name: string;
  readonly definition_type?: 'tlp';
  readonly definition?: { readonly tlp: string };
  readonly extensions?: Readonly<Record<string, { readonly extension_type: 'property-extension'; readonly tlp_2_0: string }>>;
}

const TLP2: Readonly<Record<TlpLevel, { id: string; name: string }>> = {
  clear: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR' },
  green: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN' },
  amber: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER' },
  'amber+strict': { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', name: 'TLP:AMBER+STRICT' },
  red: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED' },
};

// TLP 1.0 has no AMBER+STRICT; CLEAR is TLP 1.0's WHITE.
const TLP1: Readonly<Partial<Record<TlpLevel, { id: string; name: string; word: string }>>> = {
  clear: { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', name: 'TLP:WHITE', word: 'white' },
  green: { id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', name: 'TLP:GREEN', word: 'green' },
  amber: { id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', name: 'TLP:AMBER', word: 'amber' },
  red: { id: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', name: 'TLP:RED', word: 'red' },
};

/** The TLP 2.0 marking-definition id of a level. */
export function tlp2MarkingId(level: TlpLevel): string {
  return TLP2[level].id;
}

/** The TLP 1.0 marking-definition id of a level, or undefined for AMBER+STRICT (TLP 1.0 has none). */
export function tlp1MarkingId(level: TlpLevel): string | undefined {
  return TLP1[level]?.id;
}

/**
 * The `object_marking_refs` for a level: the TLP 2.0 id, then the TLP 1.0 id where one exists, so that
 * consumers that know only STIX 2.1's predefined markings still see the restriction.
 */
export function tlpMarkingRefs(level: TlpLevel): string[] {
  const tlp1 = TLP1[level];
  return tlp1 ? [TLP2[level].id, tlp1.id] : [TLP2[level].id];
}

/** Every marking-definition object that `tlpMarkingRefs(level)` refers to, for each of `levels` (no duplicates). */
export function tlpMarkingDefinitions(levels: Iterable<TlpLevel>): StixMarkingDefinition[] {
  const out: StixMarkingDefinition[] = [];
  const seen = new Set<TlpLevel>();
  for (const level of levels) {
    if (seen.has(level)) continue;
    seen.add(level);
    out.push(tlp2MarkingDefinition(level));
    const tlp1 = tlp1MarkingDefinition(level);
    if (tlp1) out.push(tlp1);
  }
  return out;
}

function tlp2MarkingDefinition(level: TlpLevel): StixMarkingDefinition {
  const { id, name } = TLP2[level];
  return {
    type: 'marking-definition', spec_version: '2.1', id, created: '2022-10-01T00:00:00.000Z', name,
    extensions: { [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

function tlp1MarkingDefinition(level: TlpLevel): StixMarkingDefinition | undefined {
  const tlp1 = TLP1[level];
  if (!tlp1) return undefined;
  return { type: 'marking-definition', spec_version: '2.1', id: tlp1.id, created: '2017-01-20T00:00:00.000Z', name: tlp1.name, definition_type: 'tlp', definition: { tlp: tlp1.word } };
}
