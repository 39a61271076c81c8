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
 * Interprets a marking-definition by what it says: the TLP 2.0 extension's `tlp_2_0`, `definition_type:
 * "tlp"` with `definition.tlp` (STIX 2.0/2.1 §7.2.1.3; OpenCTI writes `"TLP"` and `{"TLP": "TLP:RED"}`),
 * a statement or name that is exactly a TLP level, or a well-known id. A producer's own id is common
 * (OpenCTI, MISP), so the content counts whatever the id; when signals disagree the most restrictive
 * wins, so that no reading can lower a marking.
 */
export function interpretMarkingDefinition(object: Record<string, unknown>): MarkingMeaning {
  const id = typeof object.id === 'string' ? object.id : '';
  const definition = isRecord(object.definition) ? object.definition : undefined;
  const tlp2 = isRecord(object.extensions) ? object.extensions[TLP2_EXTENSION_ID] : undefined;
  const definitionType = typeof object.definition_type === 'string' ? object.definition_type.toLowerCase() : undefined;
  const readings = [
    isRecord(tlp2) ? parseTlpWord(tlp2.tlp_2_0) : undefined,
    definitionType === 'tlp' && definition ? parseTlpWord(valueOfKey(definition, 'tlp')) : undefined,
    typeof definition?.statement === 'string' && /^\s*tlp\s*:/i.test(definition.statement) ? parseTlpWord(definition.statement) : undefined,
    TLP_MARKING_IDS[id],
    parseTlpWord(object.name),
  ];
  const level = readings.reduce(mostRestrictiveTlp, undefined);
  if (level) return { tlp: level };
  const statement = definition?.statement;
  const name = typeof object.name === 'string' ? object.name : typeof statement === 'string' ? statement : id;
  return { tag: `marking:${name}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A property whatever its case (`tlp`, `TLP`). */
function valueOfKey(object: Record<string, unknown>, key: string): unknown {
  for (const [k, value] of Object.entries(object)) if (k.toLowerCase() === key) return value;
  return undefined;
}
