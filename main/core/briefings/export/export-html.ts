/**
 * A briefing as one self-contained, printable HTML file: inline CSS, no script, a CSP that forbids
 * every fetch, the TLP label in a header and footer on every printed page (FIRST TLP 2.0), each
 * section under its own label, the ATT&CK heatmap and the indicators table (defanged by default).
 */
import { createHash } from 'node:crypto';
import { defang } from '../../indicators/refang';
import type { TlpLevel } from '../../ingest/ingest-record';
import { attackHeatmapHtml } from './attack-heatmap';
import type { BriefingExportInput, ExportIndicator, ExportReference } from './export-input';
import { escapeHtml } from './html-escape';
import { renderSectionMarkdown } from './html-markdown';
import { EXPORT_CSS } from './html-style';
import { indicatorLinesHtml, indicatorValuesNote } from './indicator-lines';
import { tlpClass, tlpLabelHtml, tlpLabelText } from './tlp-label';

export interface BriefingHtmlOptions {
  /** The export's marking, shown in the page header and footer. */
  readonly marking: TlpLevel;
  readonly defang: boolean;
  /**
   * Set for the PDF: the core stamps the label on every page (pdf-page-marks.ts), so the HTML's own
   * fixed bars and their spacers are left out. `annexed` indicators besides the input's are typeset by
   * the core after the printed pages (pdf-indicator-annex.ts): the HTML counts them and says where they
   * are. The input's own indicators (those the annex's font cannot show) are text lines
   * (indicator-lines.ts), which the browser can print at 50,000, though slowly, instead of the table.
   */
  readonly forPdf?: { readonly annexed: number };
}

// The stylesheet is allowed by its hash, so the CSP needs neither 'unsafe-inline' nor any source.
const STYLE_HASH = createHash('sha256').update(EXPORT_CSS).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

/** The HTML document for an input the TLP ceiling has already been applied to. */
export function briefingHtml(input: BriefingExportInput, options: BriefingHtmlOptions): string {
  const label = tlpLabelHtml(options.marking);
  const body = [
    documentHeader(input),
    ...input.sections.map((s) => `<section class="briefing-section tlp-section-${tlpClass(s.tlp)}" data-tlp="${s.tlp}" id="section-${escapeHtml(s.id)}"><h2>${escapeHtml(s.heading)} ${tlpLabelHtml(s.tlp)}</h2>${renderSectionMarkdown(s.bodyMarkdown, { liveLinks: !options.defang })}</section>`),
    input.techniques.length > 0 ? `<section class="techniques"><h2>ATT&amp;CK techniques</h2>${attackHeatmapHtml(input.techniques)}</section>` : '',
    indicatorsList(input.indicators, options.defang, options.forPdf),
    referencesList(input.references, !options.defang),
  ].join('\n');
  const page = options.forPdf !== undefined
    ? `<main>${body}</main>`
    : `<div class="tlp-bar tlp-bar-top">${label}</div><div class="tlp-bar tlp-bar-bottom">${label}</div>
<table class="page-frame"><thead><tr><td><div class="bar-space"></div></td></tr></thead><tfoot><tr><td><div class="bar-space"></div></td></tr></tfoot><tbody><tr><td><main>${body}</main></td></tr></tbody></table>`;
  return `<!DOCTYPE html>
<html lang="en" data-tlp="${options.marking}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${tlpLabelText(options.marking)} ${input.title}`)}</title>
<style>${EXPORT_CSS}</style>
</head>
<body>
${page}
</body>
</html>
`;
}

function documentHeader(input: BriefingExportInput): string {
  const rows: Array<[string, string]> = [
    ['Document marking', tlpLabelHtml(input.tlp)],
    ['Status', `${escapeHtml(input.status)}, version ${input.version}`],
    ['Created', escapeHtml(input.created)],
    ['Last modified', escapeHtml(input.modified)],
  ];
  if (input.validUntil) rows.push(['Valid until', escapeHtml(input.validUntil)]);
  if (input.authors.length > 0) rows.push(['Authors', escapeHtml(input.authors.map((a) => (a.organisation ? `${a.name} (${a.organisation})` : a.name)).join(', '))]);
  rows.push(['Producer', escapeHtml(input.producer.organisation ? `${input.producer.name} (${input.producer.organisation})` : input.producer.name)]);
  if (input.distribution.length > 0) rows.push(['Distribution', escapeHtml(input.distribution.join(', '))]);
  const meta = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  return `<header class="document-header"><h1>${escapeHtml(input.title)}</h1><dl class="meta">${meta}</dl>${input.summary ? `<div class="summary">${renderSectionMarkdown(input.summary, { liveLinks: false })}</div>` : ''}</header>`;
}

function indicatorsList(indicators: readonly ExportIndicator[], defanged: boolean, forPdf: BriefingHtmlOptions['forPdf']): string {
  const annexed = forPdf?.annexed ?? 0;
  const total = indicators.length + annexed;
  if (total === 0) return '';
  const parts = [`<h2>Indicators (${total.toLocaleString('en-US')})</h2>`];
  if (annexed > 0) parts.push(`<p class="muted">${annexed === total ? 'Listed' : `${annexed.toLocaleString('en-US')} of them are listed`} one per line in the annex at the end of this document.</p>`);
  if (indicators.length > 0) {
    if (annexed > 0) parts.push(`<p>${indicators.length === 1 ? 'This one holds' : `These ${indicators.length.toLocaleString('en-US')} hold`} characters the annex's font cannot show:</p>`);
    parts.push(`<p class="muted">${escapeHtml(indicatorValuesNote(defanged))}</p>`);
    parts.push(forPdf ? indicatorLinesHtml(indicators, defanged) : indicatorsTable(indicators, defanged));
  }
  return `<section class="indicators">${parts.join('')}</section>`;
}

function indicatorsTable(indicators: readonly ExportIndicator[], defanged: boolean): string {
  const rows = new Array<string>(indicators.length);
  indicators.forEach((i, n) => {
    const value = defanged ? defang(i.type, i.value) : i.value;
    rows[n] = `<tr data-tlp="${i.tlp}"><td>${escapeHtml(i.type)}</td><td class="value">${escapeHtml(value)}</td><td class="nowrap">${tlpLabelHtml(i.tlp)}</td><td>${escapeHtml(i.status)}</td><td>${i.confidence ?? ''}</td><td class="nowrap">${escapeHtml(i.firstSeen.slice(0, 10))}</td><td class="nowrap">${escapeHtml(i.lastSeen.slice(0, 10))}</td><td>${i.sightings}</td></tr>`;
  });
  return `<table class="indicators"><thead><tr><th class="w-type">Type</th><th class="w-value">Value</th><th class="w-tlp">TLP</th><th class="w-status">Status</th><th class="w-confidence">Conf.</th><th class="w-date">First seen</th><th class="w-date">Last seen</th><th class="w-sightings">Seen</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function referencesList(references: readonly ExportReference[], liveLinks: boolean): string {
  if (references.length === 0) return '';
  const items = references.map((r) => {
    const words = [r.sourceName, r.externalId, r.description].filter((w): w is string => !!w).map(escapeHtml).join(' — ');
    let link = '';
    if (r.url && liveLinks && /^https?:/i.test(r.url)) link = ` <a href="${escapeHtml(r.url)}" rel="noopener noreferrer">${escapeHtml(r.url)}</a>`;
    else if (r.url) link = ` <span class="link-target">${escapeHtml(liveLinks ? r.url : defang('url', r.url))}</span>`;
    return `<li>${words}${link}</li>`;
  }).join('');
  return `<section class="references"><h2>References</h2><ul>${items}</ul></section>`;
}
