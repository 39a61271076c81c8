import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { PdfPageSetup, PdfPrinter } from '../../main/core/briefings/export/export-pdf';

/** A real PDF of `pages` A4 pages, each saying which page it is (what a printer would hand back). */
export async function plainPdf(pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) doc.addPage([595.28, 841.89]).drawText(`body of page ${n}`, { x: 60, y: 400, size: 12, font });
  return doc.save();
}

/** A printer that records the HTML and page setup it is given and returns a plain PDF of `pages` pages. */
export function recordingPdfPrinter(pages = 1): { printer: PdfPrinter; calls: Array<{ html: string; setup: PdfPageSetup }> } {
  const calls: Array<{ html: string; setup: PdfPageSetup }> = [];
  let bytes: Promise<Uint8Array> | undefined;
  return {
    calls,
    printer: async (html, setup) => {
      calls.push({ html, setup });
      bytes ??= plainPdf(pages);
      return bytes;
    },
  };
}
