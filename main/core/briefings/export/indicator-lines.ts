/**
 * The PDF's indicator list: one line of monospace text per indicator, fixed-width columns, the value
 * last. Chromium could not print the HTML export's table at 50,000 rows: 400,000 table cells and 50,000
 * inline-block labels paginated row by row cost about 2.4 ms per row to lay out and print (5,000 rows:
 * 15 s), and a 50,000-row print failed with "Printing failed" after 207 s. The same rows as plain text
 * in a few hundred blocks lay out and print in a fraction of that (bench/briefings.bench.ts), and stay
 * selectable and searchable text in the PDF.
 */
import { defang } from '../../indicators/refang';
import type { ExportIndicator } from './export-input';
import { escapeHtml } from './html-escape';
import { tlpLabelText } from './tlp-label';

/** Column widths in characters; the longest type (`crypto-wallet`), label (`TLP:AMBER+STRICT`) and status (`false-positive`) fit. */
const COLUMNS = [
  { title: 'Type', width: 13 },
  { title: 'TLP', width: 16 },
  { title: 'Status', width: 14 },
  { title: 'Conf', width: 4, right: true },
  { title: 'First seen', width: 10 },
  { title: 'Last seen', width: 10 },
  { title: 'Seen', width: 6, right: true },
] as const;

/** Characters before the value column: the stylesheet indents a wrapped value's next lines by this much. */
export const INDICATOR_LINE_PREFIX_CH = COLUMNS.reduce((sum, c) => sum + c.width + 1, 0);

/** Lines per block: small enough that no text node is huge, large enough that blocks stay few. */
const LINES_PER_BLOCK = 500;

/** What the list says above the lines: whether the values can be followed as links. */
export function indicatorValuesNote(defanged: boolean): string {
  return defanged ? 'Values are defanged ([.] for dots, hxxp for http): they are not clickable.' : 'Values are live: handle with care.';
}

/** The heading line naming the columns and one plain-text line per indicator, the value last. */
export function indicatorLineTexts(indicators: readonly ExportIndicator[], defanged: boolean): { head: string; lines: string[] } {
  const lines = indicators.map((i) => {
    const value = defanged ? defang(i.type, i.value) : i.value;
    // A value with a line break would start a line of its own and break the columns.
    return line([i.type, tlpLabelText(i.tlp), i.status, i.confidence === null ? '' : String(i.confidence), i.firstSeen.slice(0, 10), i.lastSeen.slice(0, 10), String(i.sightings)], value.replace(/[\r\n\t]+/g, ' '));
  });
  return { head: line(COLUMNS.map((c) => c.title), 'Value'), lines };
}

/** The list as blocks of pre-wrapped text lines, with a heading line naming the columns. */
export function indicatorLinesHtml(indicators: readonly ExportIndicator[], defanged: boolean): string {
  const { head, lines } = indicatorLineTexts(indicators, defanged);
  const blocks: string[] = [`<div class="indicator-lines indicator-lines-head">${escapeHtml(head)}</div>`];
  for (let start = 0; start < lines.length; start += LINES_PER_BLOCK) {
    blocks.push(`<div class="indicator-lines">${lines.slice(start, start + LINES_PER_BLOCK).map(escapeHtml).join('\n')}</div>`);
  }
  return blocks.join('');
}

function line(cells: readonly string[], value: string): string {
  return COLUMNS.map((c, n) => {
    const text = cells[n] ?? '';
    return 'right' in c ? text.padStart(c.width) : text.padEnd(c.width);
  }).join(' ') + ' ' + value;
}
