/**
 * Prints the export HTML to PDF: the same HTML as the HTML export (with the indicator list as text
 * lines, see indicator-lines.ts), so both carry the same content, and a real browser's text layout
 * keeps the text selectable. The printer only prints; the core then stamps the TLP label and page
 * numbers on every page (pdf-page-marks.ts), so the marking never depends on which printer ran.
 * From the CLI and in tests the printer is the system Chromium through playwright-core; the app passes
 * Electron's printToPDF (main/app/electron-pdf-printer.ts).
 */
import { findChromium } from './find-chromium';
import { BriefingExportError } from './export-error';
import { PDF_MARGIN_MM } from './pdf-page-marks';

/**
 * Turns a finished, self-contained HTML document (no script, no request) into PDF bytes: A4, with
 * backgrounds, the given margins left empty for the page marks, and no header or footer of its own.
 */
export type PdfPrinter = (html: string, page: PdfPageSetup) => Promise<Uint8Array>;

export interface PdfPageSetup {
  /** Page margins in millimetres; the core stamps the TLP label and page number into them. */
  readonly marginMm: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
}

/** The page setup every printer is given. */
export const PDF_PAGE_SETUP: PdfPageSetup = { marginMm: PDF_MARGIN_MM };

/** Longest wait for Chromium to lay out or print one export before it is abandoned with an error. */
const PRINT_TIMEOUT_MS = 180_000;

/** The default printer: the system Chromium (see find-chromium.ts), no network, no script. */
export function chromiumPdfPrinter(options: { executablePath?: string } = {}): PdfPrinter {
  return async (html, setup) => {
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
      const m = setup.marginMm;
      const pdf = await page.pdf({
        format: 'A4', printBackground: true, displayHeaderFooter: false, preferCSSPageSize: false,
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
