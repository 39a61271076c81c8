import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Validates STIX 2.1 bundles against the official OASIS schemas (oasis-open/cti-stix2-json-schemas),
 * read from ../shared/stix2-schemas/schemas beside the repository. The files declare draft 2020-12 and
 * refer to each other by relative file name, so every file is added under its $id and refs resolve
 * against those ids.
 */
const SCHEMA_ROOT = path.resolve(import.meta.dirname, '../../../shared/stix2-schemas/schemas');
const BUNDLE_ID = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

let validateBundle: ValidateFunction | undefined;

function compileBundleSchema(): ValidateFunction {
  if (!fs.existsSync(SCHEMA_ROOT)) throw new Error(`STIX 2.1 schemas not found at ${SCHEMA_ROOT}`);
  // strict: false: the OASIS files carry keywords ajv's strict mode refuses. unicodeRegExp: false: their
  // patterns escape '-' (`\-?$`), which is an error under the `u` flag ajv uses by default.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no idn-hostname (domain-name:value); labels of 1-63 characters, 253 in all, as RFC 5890 allows.
  ajv.addFormat('idn-hostname', /^(?=.{1,253}$)[^\s.]{1,63}(?:\.[^\s.]{1,63})*\.?$/u);
  for (const file of listJsonFiles(SCHEMA_ROOT)) ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
  const validate = ajv.getSchema(BUNDLE_ID);
  if (!validate) throw new Error(`bundle schema ${BUNDLE_ID} not among ${SCHEMA_ROOT}`);
  return validate;
}

function listJsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listJsonFiles(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** The schema errors of a bundle, one line each (`/objects/3/pattern: must be string`); empty when valid. */
export function stixBundleErrors(bundle: unknown): string[] {
  validateBundle ??= compileBundleSchema();
  if (validateBundle(bundle)) return [];
  return (validateBundle.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} (${e.schemaPath})`);
}

/** The schema errors of each object on its own (wrapped in a bundle), keyed by object id: finds the culprit that a bundle's anyOf hides. */
export function stixObjectErrors(objects: ReadonlyArray<{ id: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const object of objects) {
    const errors = stixBundleErrors({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: [object] });
    if (errors.length > 0) out[object.id] = errors;
  }
  return out;
}
