import type { ImportFormat, TlpLevel } from '../../../preload/contract';

export interface ImportOptions {
  format: ImportFormat;
  /** TLP for records that carry no marking. */
  tlp: TlpLevel;
  /** Provenance name; blank means each file's own name. */
  sourceName: string;
  /** "Strict": a file with any rejected value is not imported at all; off, its valid values are and rejects are listed. */
  strict: boolean;
}

/** Unmarked data defaults to AMBER, as in the core: a missing marking must never make data shareable by accident. */
export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { format: 'auto', tlp: 'amber', sourceName: '', strict: false };

export const SOURCE_NAME_MAX = 200;

export const FORMAT_OPTIONS = [
  { value: 'auto', label: 'Detect from the content' },
  { value: 'stix', label: 'STIX 2.0 / 2.1 bundle' },
  { value: 'misp', label: 'MISP event' },
  { value: 'csv', label: 'CSV / TSV' },
  { value: 'text', label: 'Text report (free text, Markdown, HTML)' },
] as const satisfies readonly { value: ImportFormat; label: string }[];

/** Fails to compile if the contract gains a format this list lacks. */
export const FORMAT_OPTIONS_COMPLETE: [Exclude<ImportFormat, (typeof FORMAT_OPTIONS)[number]['value']>] extends [never] ? true : never = true;

export function isImportFormat(value: string): value is ImportFormat {
  return FORMAT_OPTIONS.some((option) => option.value === value);
}
