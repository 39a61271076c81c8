/**
 * The one entry point of briefing exports: applies the TLP ceiling to the plain export input, then runs
 * the format's exporter on what is left. Every format sees the same ceiled input, so none can carry
 * what another withholds.
 */
import { z } from 'zod';
import { TLP_LEVELS, type TlpLevel } from '../../ingest/ingest-record';
import { briefingCsv } from './export-csv';
import { briefingHtml } from './export-html';
import type { BriefingExportInput } from './export-input';
import { briefingMispEvent } from './export-misp';
import { chromiumPdfPrinter, PDF_PAGE_SETUP, type PdfPrinter } from './export-pdf';
import { EXPORT_FORMATS, type BriefingExportResult, type ExportFormat } from './export-result';
import { briefingStixBundle } from './export-stix';
import { planPdfIndicators } from './pdf-indicator-annex';
import { stampPageMarks } from './pdf-page-marks';
import { applyCeiling } from './tlp-ceiling';

export interface BriefingExportOptions {
  readonly format: ExportFormat;
  /** The highest marking the export may contain. */
  readonly tlpMax: TlpLevel;
  /** Defang indicator values in HTML, PDF and CSV (default true). STIX and MISP are machine formats and stay live. */
  readonly defang?: boolean;
  /** How to print the PDF (the app passes Electron's printToPDF); defaults to the system Chromium. */
  readonly pdfPrinter?: PdfPrinter;
}

const OPTIONS = z.object({
  format: z.enum(EXPORT_FORMATS),
  tlpMax: z.enum(TLP_LEVELS as [TlpLevel, ...TlpLevel[]]),
  defang: z.boolean().optional(),
});

/** Exports one briefing version at a TLP ceiling; throws BriefingExportError when the briefing is above it. */
export async function exportBriefing(input: BriefingExportInput, options: BriefingExportOptions): Promise<BriefingExportResult> {
  const { format, tlpMax, defang = true } = OPTIONS.parse(options);
  const { included, withheld, marking } = applyCeiling(input, tlpMax);
  const done = (bytes: Uint8Array, mediaType: string, extension: string, notes: string[] = []): BriefingExportResult => ({ bytes, marking, withheld, mediaType, extension, notes });
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  switch (format) {
    case 'html':
      return done(utf8(briefingHtml(included, { marking, defang })), 'text/html;charset=utf-8', 'html');
    case 'pdf': {
      // The core typesets the indicators its font can show after the printed pages (pdf-indicator-annex.ts).
      const { annex, printed } = await planPdfIndicators(included.indicators, defang);
      const html = briefingHtml({ ...included, indicators: printed }, { marking, defang, forPdf: { annexed: annex?.lines.length ?? 0 } });
      const printer = options.pdfPrinter ?? chromiumPdfPrinter();
      return done(await stampPageMarks(await printer(html, PDF_PAGE_SETUP), marking, annex), 'application/pdf', 'pdf');
    }
    case 'stix':
      return done(utf8(JSON.stringify(briefingStixBundle(included, tlpMax))), 'application/stix+json;version=2.1', 'json');
    case 'misp':
      return done(utf8(JSON.stringify(briefingMispEvent(included, marking))), 'application/json', 'json');
    case 'csv':
      return done(utf8(briefingCsv(included, { defang })), 'text/csv;charset=utf-8', 'csv');
    default:
      return assertNever(format);
  }
}

function assertNever(format: never): never {
  throw new Error(`unknown export format ${String(format)}`);
}
