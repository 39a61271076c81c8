import { createCsvParser, type CsvColumnMap } from '../csv';
import { sniffFormat } from '../decode';
import type { ParserContext, ParserInput } from '../ingest-record';
import { parseMisp, parseMispFeedFolder } from '../misp';
import { parseStix } from '../stix/parse-stix';
import type { StixIngestItem } from '../stix/context-update';
import { parseText } from '../text';
import type { SourceFormat } from '../../vault/queries/sources';

export type ImportFormat = 'auto' | 'stix' | 'misp' | 'csv' | 'text';
export type CsvMapping = CsvColumnMap;

/** Every parser yields the shared items; STIX may add late context updates at the end. */
export type AnyParser = (input: ParserInput, ctx: ParserContext) => AsyncIterable<StixIngestItem>;

/** Decides the format of a file from its content (its name only breaks ties). */
export function detectFormat(head: Uint8Array, fileName: string): SourceFormat {
  const sniffed = sniffFormat(head, fileName);
  return sniffed === 'misp-feed' ? 'misp' : sniffed;
}

export function parserFor(format: SourceFormat, csvMapping?: CsvMapping): AnyParser {
  switch (format) {
    case 'stix':
      return parseStix;
    case 'misp':
    case 'misp-feed':
      return parseMisp;
    case 'csv':
      return createCsvParser(csvMapping ? { map: csvMapping } : {});
    case 'text':
      return parseText;
  }
}

export const parseFeedFolder = parseMispFeedFolder;
