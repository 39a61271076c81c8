/**
 * TLP labels as FIRST TLP 2.0 prescribes them: the words `TLP:AMBER` etc. in the level's colour on a
 * black background (RGB from the FIRST standard), for the HTML export and the PDF page marks.
 */
import type { TlpLevel } from '../../ingest/ingest-record';
import { escapeHtml } from './html-escape';

/** FIRST TLP 2.0 label colours (text on #000000). */
export const TLP_COLOURS: Readonly<Record<TlpLevel, string>> = {
  clear: '#FFFFFF', green: '#33FF00', amber: '#FFC000', 'amber+strict': '#FFC000', red: '#FF2B2B',
};

/** `TLP:AMBER+STRICT`. */
export function tlpLabelText(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`;
}

/** The label as a span styled by the export's stylesheet (class `tlp-<level>`). */
export function tlpLabelHtml(level: TlpLevel): string {
  return `<span class="tlp tlp-${tlpClass(level)}">${escapeHtml(tlpLabelText(level))}</span>`;
}

/** CSS class suffix (`amber-strict`). */
export function tlpClass(level: TlpLevel): string {
  return level.replace('+', '-');
}
