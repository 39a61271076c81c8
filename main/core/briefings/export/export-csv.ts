/**
 * A briefing's indicators as CSV (RFC 4180, CRLF, UTF-8). Values are defanged unless asked otherwise,
 * and a cell that a spreadsheet would run as a formula is neutralised (OWASP "CSV injection").
 */
import { defang } from '../../indicators/refang';
import type { BriefingExportInput } from './export-input';
import { exportTags } from './export-tags';

export const CSV_COLUMNS = ['type', 'value', 'tlp', 'status', 'confidence', 'first_seen', 'last_seen', 'sightings', 'tags'] as const;

/** The CSV text for an input the TLP ceiling has already been applied to. */
export function briefingCsv(input: BriefingExportInput, options: { defang: boolean }): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const i of input.indicators) {
    const value = options.defang ? defang(i.type, i.value) : i.value;
    const cells = [i.type, value, i.tlp, i.status, i.confidence === null ? '' : String(i.confidence), i.firstSeen, i.lastSeen, String(i.sightings), exportTags(i.tags).join(';')];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// =, +, -, @ start a formula in Excel, LibreOffice and Sheets; a tab or CR before them does too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula starts prefixed with `'` (shown, not run), then quoted when it holds , " CR or LF. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
