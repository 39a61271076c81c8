/**
 * TLP data markings in STIX: the fixed marking-definition ids and recognition by content.
 *
 * TLP 1.0 ids: STIX 2.1 §7.2.1.4 (checked against the OASIS schema common/marking-definition.json).
 * TLP 2.0 ids: the OASIS TLP 2.0 extension extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d
 * (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
 */
import type { TlpLevel } from '../ingest-record';

export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP_MARKING_IDS: Readonly<Record<string, TlpLevel>> = {
  // TLP 1.0 (STIX 2.1 §7.2.1.4); WHITE is TLP 2.0's CLEAR.
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  // TLP 2.0 (OASIS extension).
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

const RANK: Readonly<Record<TlpLevel, number>> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** The more restrictive of two TLP levels (either may be absent). */
export function mostRestrictiveTlp(a: TlpLevel | undefined, b: TlpLevel | undefined): TlpLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Reads a TLP word in any of its spellings ('white', 'TLP:AMBER+STRICT', 'amber+strict'). */
export function parseTlpWord(word: unknown): TlpLevel | undefined {
  if (typeof word !== 'string') return undefined;
  const w = word.trim().toLowerCase().replace(/^tlp:/, '');
  if (w === 'white' || w === 'clear') return 'clear';
  if (w === 'green' || w === 'amber' || w === 'red' || w === 'amber+strict') return w;
  return undefined;
}

/** What a marking-definition object means: a TLP level, or a named statement kept as a tag. */
export type MarkingMeaning = { tlp: TlpLevel } | { tag: string };

/**
 * Interprets a marking-definition by content: `definition_type: "tlp"` with `definition.tlp`
 * (STIX 2.0/2.1 §7.2.1.3), the TLP 2.0 extension's `tlp_2_0` property, or a known id.
 */
export function interpretMarkingDefinition(object: Record<string, unknown>): MarkingMeaning {
  const id = typeof object.id === 'string' ? object.id : '';
  const extensions = object.extensions;
  if (extensions && typeof extensions === 'object') {
    const tlp2 = (extensions as Record<string, unknown>)[TLP2_EXTENSION_ID];
    const level = tlp2 && typeof tlp2 === 'object' ? parseTlpWord((tlp2 as Record<string, unknown>).tlp_2_0) : undefined;
    if (level) return { tlp: level };
  }
  const definition = object.definition;
  if (object.definition_type === 'tlp' && definition && typeof definition === 'object') {
    const level = parseTlpWord((definition as Record<string, unknown>).tlp);
    if (level) return { tlp: level };
  }
  const known = TLP_MARKING_IDS[id] ?? parseTlpWord(object.name);
  if (known) return { tlp: known };
  const statement = definition && typeof definition === 'object' ? (definition as Record<string, unknown>).statement : undefined;
  const name = typeof object.name === 'string' ? object.name : typeof statement === 'string' ? statement : id;
  return { tag: `marking:${name}` };
}
