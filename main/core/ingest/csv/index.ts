/** CSV/TSV indicator feeds. */
export { parseCsv, createCsvParser } from './parse-csv';
export type { CsvOptions } from './parse-csv';
export type { CsvColumnMap, CsvField, CsvLayout, ValueColumn } from './csv-columns';
export { normalizeHeader, looksLikeHeader, sniffValueColumn } from './csv-columns';
export { parseTlp, parseDate, rowToItems } from './csv-row';
