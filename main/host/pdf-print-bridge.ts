/**
 * Lets the core, in its worker thread, print PDFs with the host's printer: Electron's printToPDF lives
 * on the main thread only. The worker posts the finished HTML; the host prints it and posts the bytes
 * back (transferred, not copied). The TLP marks are stamped in the core afterwards, so the host never
 * decides what a page carries.
 */
import { BriefingExportError, type PdfPageSetup, type PdfPrinter } from '../core/briefings/export';

/** Worker to host: print this document. */
export interface PrintPdfRequest {
  kind: 'print-pdf';
  id: number;
  html: string;
  setup: PdfPageSetup;
}

/** Host to worker: the PDF, or why there is none. */
export interface PrintPdfReply {
  kind: 'pdf-printed';
  id: number;
  result: { ok: true; pdf: Uint8Array } | { ok: false; message: string };
}

/** The worker's printer: each call posts a request and waits for `settle` with the matching reply. */
export function workerPdfPrinter(post: (request: PrintPdfRequest) => void): { printer: PdfPrinter; settle(reply: PrintPdfReply): void } {
  const pending = new Map<number, { resolve(pdf: Uint8Array): void; reject(error: Error): void }>();
  let nextId = 1;
  return {
    printer: (html, setup) => new Promise<Uint8Array>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ kind: 'print-pdf', id, html, setup });
    }),
    settle(reply) {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.result.ok) waiting.resolve(reply.result.pdf);
      else waiting.reject(new BriefingExportError('render-failed', reply.result.message));
    },
  };
}

/** The host's side: prints one request and replies, turning any failure into a one-line message. */
export async function answerPdfRequest(request: PrintPdfRequest, printer: PdfPrinter, reply: (message: PrintPdfReply, transfer: ArrayBuffer[]) => void): Promise<void> {
  let pdf: Uint8Array;
  try {
    pdf = await printer(request.html, request.setup);
  } catch (error) {
    // One line, no stack: it ends up in the analyst's error message.
    const message = error instanceof BriefingExportError ? error.message : `the app could not print the PDF: ${(error as Error).message.split('\n')[0]}`;
    reply({ kind: 'pdf-printed', id: request.id, result: { ok: false, message } }, []);
    return;
  }
  // Only a view that owns its whole buffer may be transferred (a pooled Buffer shares it with others).
  const owned = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
  reply({ kind: 'pdf-printed', id: request.id, result: { ok: true, pdf: owned } }, [owned.buffer as ArrayBuffer]);
}
