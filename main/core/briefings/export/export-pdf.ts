/**
 * Prints the export HTML to PDF through headless Chromium (playwright-core driving the system
 * browser): the same HTML as the HTML export, so both carry the same content and marking, and a real
 * browser's text layout keeps the text selectable. Chromium's header and footer templates put the TLP
 * label and the page number on every page. The app may pass Electron's printToPDF instead.
 */
import type { TlpLevel } from '../../ingest/ingest-record';
import { findChromium } from './find-chromium';
import { BriefingExportError } from './export-error';
import { tlpLabelInline } from './tlp-label';

/**
 * The most indicators a PDF lists (about 115 A4 pages). Chromium cannot print one document of 50,000
 * table rows: Page.printToPDF fails ("Printing failed") after minutes, a known limit of its print
 * compositor (puppeteer#8070, gotenberg#1348), and 10,000 rows took 62 s here. A PDF is for reading;
 * past this bound it says how many it lists and points to the machine-readable exports.
 */
export const PDF_INDICATOR_LIMIT = 5_000;

/** Turns a finished HTML document into PDF bytes; the page templates carry `marking`. */
export type PdfPrinter = (html: string, templates: PdfPageTemplates) => Promise<Uint8Array>;

export interface PdfPageTemplates {
  readonly headerTemplate: string;
  readonly footerTemplate: string;
  /** Page margins in millimetres, leaving room for the templates. */
  readonly marginMm: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
}

/** The header (label) and footer (label and page X of Y) for Chromium's displayHeaderFooter. */
export function pdfPageTemplates(marking: TlpLevel): PdfPageTemplates {
  const box = 'width:100%;text-align:center;font-family:Arial,Helvetica,sans-serif;font-size:9pt;margin:0 14mm';
  return {
    headerTemplate: `<div style="${box}">${tlpLabelInline(marking)}</div>`,
    footerTemplate: `<div style="${box};display:flex;justify-content:space-between;align-items:center"><span style="width:30mm"></span>${tlpLabelInline(marking)}<span style="width:30mm;text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    marginMm: { top: 18, bottom: 18, left: 14, right: 14 },
  };
}

/** Longest wait for Chromium to lay out or print one export before it is abandoned with an error. */
const PRINT_TIMEOUT_MS = 180_000;

/** The default printer: the system Chromium (see find-chromium.ts), no network, no script. */
export function chromiumPdfPrinter(options: { executablePath?: string } = {}): PdfPrinter {
  return async (html, templates) => {
    const executablePath = options.executablePath ?? findChromium();
    // Loaded on first use: the CLI and the app should not pay for playwright-core until a PDF is asked for.
    const { chromium } = await import('playwright-core');
    let browser;
    try {
      browser = await chromium.launch({ executablePath, headless: true });
    } catch (error) {
      throw new BriefingExportError('no-browser', `could not start ${executablePath}: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      // The document makes no request (its CSP forbids them); this refuses any that slipped through.
      await page.route('**/*', (route) => route.abort());
      // Bounded, not the 30 s default: 50,000 indicators lay out in seconds, but a loaded machine is slower.
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      const m = templates.marginMm;
      const pdf = await page.pdf({
        format: 'A4', printBackground: true, displayHeaderFooter: true, preferCSSPageSize: false,
        headerTemplate: templates.headerTemplate, footerTemplate: templates.footerTemplate,
        margin: { top: `${m.top}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm`, right: `${m.right}mm` },
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      throw new BriefingExportError('render-failed', `Chromium could not print the PDF: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await browser.close();
    }
  };
}
