/**
 * The export's one stylesheet (inline, so the file makes no request). In print, the fixed TLP bars
 * repeat on every page (Chromium prints position: fixed on each page); the frame table's header and
 * footer groups, which also repeat per page, reserve the room they cover.
 */
import type { TlpLevel } from '../../ingest/ingest-record';
import { INDICATOR_LINE_PREFIX_CH } from './indicator-lines';
import { TLP_COLOURS, tlpClass } from './tlp-label';

const LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export const EXPORT_CSS = `
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 10.5pt/1.45 "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 0 4mm; }
.tlp { display: inline-block; background: #000; font-weight: bold; font-size: 12pt; line-height: 1.3; padding: 1px 6px; font-family: Arial, Helvetica, sans-serif; }
${LEVELS.map((l) => `.tlp-${tlpClass(l)} { color: ${TLP_COLOURS[l]}; }`).join('\n')}
.tlp-bar { position: fixed; left: 0; right: 0; text-align: center; background: #fff; z-index: 1; }
.tlp-bar-top { top: 0; padding: 3mm 0 2mm; }
.tlp-bar-bottom { bottom: 0; padding: 2mm 0 3mm; }
.page-frame { width: 100%; border-collapse: collapse; }
.page-frame > thead > tr > td, .page-frame > tfoot > tr > td, .page-frame > tbody > tr > td { padding: 0; }
.bar-space { height: 13mm; }
thead { display: table-header-group; } tfoot { display: table-footer-group; }
h1 { font-size: 19pt; margin: 2mm 0 1mm; }
h2 { font-size: 13.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #bbb; padding-bottom: 1mm; break-after: avoid; }
h2 .tlp, h1 + .tlp { margin-left: 3mm; font-size: 12pt; vertical-align: middle; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 3mm 0; }
.meta dt { font-weight: bold; } .meta dd { margin: 0; }
.summary { font-size: 11.5pt; }
code, .value { font-family: "Liberation Mono", Consolas, monospace; font-size: 9pt; overflow-wrap: anywhere; }
table.indicators td.nowrap { white-space: nowrap; }
/* Fixed layout: column widths come from the header, so 50,000 rows lay out without measuring each. */
table.indicators { table-layout: fixed; }
table.indicators th { font-size: 8.5pt; }
table.indicators .w-type { width: 8%; } table.indicators .w-value { width: 32%; } table.indicators .w-tlp { width: 14%; }
table.indicators .w-status { width: 10%; } table.indicators .w-confidence { width: 6%; } table.indicators .w-date { width: 11.5%; }
table.indicators .w-sightings { width: 7%; }
.link-target { color: #555; word-break: break-all; }
.dropped-image { color: #777; font-style: italic; }
table.indicators, table.attack-heatmap { width: 100%; border-collapse: collapse; margin: 2mm 0; }
table.indicators th, table.indicators td { border-bottom: 1px solid #ddd; padding: 1mm 1.2mm; text-align: left; vertical-align: top; font-size: 8.5pt; }
table.indicators .tlp { font-size: 8pt; }
table.indicators tr { break-inside: avoid; }
table.attack-heatmap th, table.attack-heatmap td { border: 1px solid #999; padding: 1.5mm; vertical-align: top; font-size: 8.5pt; }
table.attack-heatmap th .count { display: block; font-weight: normal; color: #444; }
table.attack-heatmap ul { list-style: none; margin: 0; padding: 0; }
table.attack-heatmap li { margin-bottom: 1mm; }
.technique-id { font-weight: bold; }
.heat-1 { background: #fde0dd; } .heat-2 { background: #fcc5c0; } .heat-3 { background: #fa9fb5; }
.heat-4 { background: #f768a1; } .heat-5 { background: #dd3497; color: #fff; }
.withheld-note, .muted { color: #555; }
.plain-body { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 9pt; }
/* The PDF's indicator lines: a wrapped value continues under the value column (hanging each-line). */
.indicator-lines { font: 7pt/1.2 "Liberation Mono", Consolas, monospace; white-space: pre-wrap; word-break: break-all; text-indent: ${INDICATOR_LINE_PREFIX_CH}ch hanging each-line; }
.indicator-lines-head { font-weight: bold; border-bottom: 1px solid #999; margin: 2mm 0 1mm; }
@media screen { body { background: #f4f4f4; } main { background: #fff; padding: 4mm 8mm 8mm; } }
`;
