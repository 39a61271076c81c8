/**
 * Stamps the TLP label in the header and footer of every page of a printed PDF, and "Page N of M" in
 * the footer, with pdf-lib. The core does this rather than the printer's page templates: Chromium
 * renders a header/footer template as a document of its own for every page, which tripled the print
 * time of a 700-page briefing, and Electron's printToPDF and headless Chromium differ in how they apply
 * templates. Stamping in the core marks every page the same way whichever printer made it, the indicator
 * annex the core appends included (pdf-indicator-annex.ts). The marks are real text (Helvetica, a
 * standard PDF font), so they stay selectable and extractable.
 */
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { TlpLevel } from '../../ingest/ingest-record';
import { BriefingExportError } from './export-error';
import { appendIndicatorAnnex, type IndicatorAnnex } from './pdf-indicator-annex';
import { PageContent, type Rgb } from './pdf-page-content';
import { TLP_COLOURS, tlpLabelText } from './tlp-label';

/** Page margins (mm) the printer leaves free for the marks; the bars sit in the middle of them. */
export const PDF_MARGIN_MM = { top: 18, bottom: 18, left: 14, right: 14 } as const;

const MM = 72 / 25.4;
const LABEL_SIZE = 11;
const PAGE_NUMBER_SIZE = 9;

/**
 * The printed PDF, followed by the indicator annex when there is one, with the label on top and bottom
 * of every page and continuous page numbers.
 */
export async function stampPageMarks(pdf: Uint8Array, marking: TlpLevel, annex: IndicatorAnnex | null = null): Promise<Uint8Array> {
  // Loaded on first use, like playwright-core: most runs of the CLI and the app print no PDF.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new BriefingExportError('render-failed', `the printer returned no readable PDF: ${(error as Error).message.split('\n')[0]}`);
  }
  const printed = doc.getPages();
  if (printed.length === 0) throw new BriefingExportError('render-failed', 'the printer returned a PDF without pages');
  if (annex !== null) {
    const m = PDF_MARGIN_MM;
    await appendIndicatorAnnex(doc, annex, printed[0]!.getSize(), { top: m.top * MM, bottom: m.bottom * MM, left: m.left * MM, right: m.right * MM });
  }
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  const label = tlpLabelText(marking);
  const colour = hexColour(TLP_COLOURS[marking]);
  const labelWidth = bold.widthOfTextAtSize(label, LABEL_SIZE);
  pages.forEach((page, n) => {
    const { width, height } = page.getSize();
    const marks = new PageContent(page);
    const footerY = (PDF_MARGIN_MM.bottom * MM) / 2;
    for (const centreY of [height - (PDF_MARGIN_MM.top * MM) / 2, footerY]) drawLabel(marks, bold, label, labelWidth, colour, (width - labelWidth) / 2, centreY);
    const numbers = `Page ${n + 1} of ${pages.length}`;
    const numbersWidth = regular.widthOfTextAtSize(numbers, PAGE_NUMBER_SIZE);
    marks.text([numbers], { x: width - PDF_MARGIN_MM.right * MM - numbersWidth, y: footerY - PAGE_NUMBER_SIZE / 3, size: PAGE_NUMBER_SIZE, font: regular, fill: [0.13, 0.13, 0.13] });
    marks.finish(doc);
  });
  return doc.save();
}

/** FIRST TLP 2.0: the label in its colour on black, starting at `x`, centred on height `centreY`. */
function drawLabel(marks: PageContent, font: PDFFont, label: string, width: number, colour: Rgb, x: number, centreY: number): void {
  const baseline = centreY - LABEL_SIZE / 3;
  marks.rect(x - 5, baseline - 3.5, width + 10, LABEL_SIZE + 4, [0, 0, 0]);
  marks.text([label], { x, y: baseline, size: LABEL_SIZE, font, fill: colour });
}

function hexColour(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
