import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefingExportError, PDF_PAGE_SETUP, type PdfPrinter } from '../core/briefings/export';
import { answerPdfRequest, workerPdfPrinter, type PrintPdfReply, type PrintPdfRequest } from './pdf-print-bridge';

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

/** The worker's printer on one end of a real channel, the host answering with `hostPrinter` on the other. */
function bridge(hostPrinter: PdfPrinter): PdfPrinter {
  const { port1: worker, port2: host } = new MessageChannel();
  ports.push(worker, host);
  const side = workerPdfPrinter((request) => worker.postMessage(request));
  worker.on('message', (reply: PrintPdfReply) => side.settle(reply));
  host.on('message', (request: PrintPdfRequest) => void answerPdfRequest(request, hostPrinter, (reply, transfer) => host.postMessage(reply, transfer)));
  return side.printer;
}

describe('PDF printing across the worker boundary', () => {
  it('carries the HTML and page setup to the host printer and its bytes back, each call to its own caller', async () => {
    const seen: string[] = [];
    const printer = bridge(async (html, setup) => {
      seen.push(html);
      expect(setup).toEqual(PDF_PAGE_SETUP);
      // Slower for the first document, so the replies come back out of order.
      await new Promise((resolve) => setTimeout(resolve, html === 'first' ? 30 : 0));
      return new TextEncoder().encode(`%PDF of ${html}`);
    });
    const [a, b] = await Promise.all([printer('first', PDF_PAGE_SETUP), printer('second', PDF_PAGE_SETUP)]);
    expect(new TextDecoder().decode(a)).toBe('%PDF of first');
    expect(new TextDecoder().decode(b)).toBe('%PDF of second');
    expect(seen).toEqual(['first', 'second']);
  });

  it('turns a host failure into a one-line export error for the caller', async () => {
    const printer = bridge(async () => {
      throw new Error('render process gone\n    at WebContents.printToPDF (node:electron)');
    });
    const attempt = printer('<html>', PDF_PAGE_SETUP);
    await expect(attempt).rejects.toBeInstanceOf(BriefingExportError);
    await expect(attempt).rejects.toThrow(/^the app could not print the PDF: render process gone$/);
  });

  it('copies bytes that share their buffer rather than transferring the whole pool', async () => {
    const pool = new Uint8Array(64).fill(7);
    let replied: { message: PrintPdfReply; transfer: ArrayBuffer[] } | undefined;
    await answerPdfRequest({ kind: 'print-pdf', id: 4, html: 'x', setup: PDF_PAGE_SETUP }, async () => pool.subarray(8, 16), (message, transfer) => {
      replied = { message, transfer };
    });
    expect(replied!.message).toMatchObject({ id: 4, result: { ok: true } });
    const pdf = (replied!.message.result as { pdf: Uint8Array }).pdf;
    expect(pdf.byteLength).toBe(8);
    expect(replied!.transfer).toEqual([pdf.buffer]);
    expect(pdf.buffer).not.toBe(pool.buffer);
  });

  it('ignores replies nobody waits for', () => {
    const side = workerPdfPrinter(() => undefined);
    expect(() => side.settle({ kind: 'pdf-printed', id: 99, result: { ok: true, pdf: new Uint8Array() } })).not.toThrow();
  });
});
