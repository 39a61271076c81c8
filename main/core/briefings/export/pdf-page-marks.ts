/**
 * Stamps the TLP label in the header and footer of every page of a printed PDF, and "Page N of M" in
 * the footer, with pdf-lib. The core does this rather than the printer's page templates: Chromium
 * renders a header/footer template as a document of its own for every page, which tripled the print
 * time of a 700-page briefing, and Electron's printToPDF and headless Chromium differ in how they apply
 * templates. Stamping in the core marks every page the same way whichever printer made it. drawText
 * writes real text (Helvetica, a standard PDF font), so the marks stay selectable and extractable.
 */
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { TlpLevel } from '../../ingest/ingest-record';
import { BriefingExportError } from './export-error';
import { TLP_COLOURS, tlpLabelText } from './tlp-label';

/** Page margins (mm) the printer leaves free for the marks; the bars sit in the middle of them. */
export const PDF_MARGIN_MM = { top: 18, bottom: 18, left: 14, right: 14 } as const;

const MM = 72 / 25.4;
const LABEL_SIZE = 11;
const PAGE_NUMBER_SIZE = 9;

/** The printed PDF with the label on top and bottom of every page and continuous page numbers. */
export async function stampPageMarks(pdf: Uint8Array, marking: TlpLevel): Promise<Uint8Array> {
  // Loaded on first use, like playwright-core: most runs of the CLI and the app print no PDF.
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new BriefingExportError('render-failed', `the printer returned no readable PDF: ${(error as Error).message.split('\n')[0]}`);
  }
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  if (pages.length === 0) throw new BriefingExportError('render-failed', 'the printer returned a PDF without pages');
  const label = tlpLabelText(marking);
  pages.forEach((page, n) => {
    const { height } = page.getSize();
    drawLabel(page, bold, label, hexColour(TLP_COLOURS[marking], rgb), height - (PDF_MARGIN_MM.top * MM) / 2, rgb(0, 0, 0));
    const footerY = (PDF_MARGIN_MM.bottom * MM) / 2;
    drawLabel(page, bold, label, hexColour(TLP_COLOURS[marking], rgb), footerY, rgb(0, 0, 0));
    const numbers = `Page ${n + 1} of ${pages.length}`;
    const width = regular.widthOfTextAtSize(numbers, PAGE_NUMBER_SIZE);
    page.drawText(numbers, { x: page.getSize().width - PDF_MARGIN_MM.right * MM - width, y: footerY - PAGE_NUMBER_SIZE / 3, size: PAGE_NUMBER_SIZE, font: regular, color: rgb(0.13, 0.13, 0.13) });
  });
  return doc.save();
}

/** FIRST TLP 2.0: the label in its colour on black, centred on the page at height `centreY`. */
function drawLabel(page: PDFPage, font: PDFFont, label: string, colour: RGB, centreY: number, black: RGB): void {
  const width = font.widthOfTextAtSize(label, LABEL_SIZE);
  const x = (page.getSize().width - width) / 2;
  const baseline = centreY - LABEL_SIZE / 3;
  page.drawRectangle({ x: x - 5, y: baseline - 3.5, width: width + 10, height: LABEL_SIZE + 4, color: black });
  page.drawText(label, { x, y: baseline, size: LABEL_SIZE, font, color: colour });
}

function hexColour(hex: string, rgb: (r: number, g: number, b: number) => RGB): RGB {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}
