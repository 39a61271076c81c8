/**
 * Printing a briefing PDF in the app, everything but the Electron calls (electron-pdf-printer.ts binds
 * them and holds the window's options): the request policy of its session and the print sequence. The
 * window is hidden, sandboxed, runs no script and lives in an in-memory session of its own whose only
 * allowed request is the one document being printed, so the export's HTML cannot reach the network,
 * the app's pages or any other file even if the export's own CSP were wrong.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPageSetup, PdfPrinter } from '../core/briefings/export';

/** No `persist:` prefix: the print session keeps no cache, cookies or storage on disk. */
export const PRINT_PARTITION = 'liaison-pdf-print';

/** Longest wait for one document to load and print before the window is closed and the export fails. */
export const PRINT_TIMEOUT_MS = 180_000;

/** webContents.printToPDF options for the core's page setup (Electron takes margins in inches). */
export function printToPdfOptions(setup: PdfPageSetup) {
  const inches = (mm: number): number => mm / 25.4;
  const m = setup.marginMm;
  return {
    pageSize: 'A4',
    printBackground: true,
    // The core stamps the TLP label and page numbers itself (pdf-page-marks.ts).
    displayHeaderFooter: false,
    preferCSSPageSize: false,
    margins: { top: inches(m.top), bottom: inches(m.bottom), left: inches(m.left), right: inches(m.right) },
  } as const;
}

/** The print session's request filter: only documents being printed right now may load. */
export class PrintRequestPolicy {
  private readonly allowed = new Set<string>();

  allow(url: string): void {
    this.allowed.add(url);
  }

  revoke(url: string): void {
    this.allowed.delete(url);
  }

  /** True when a request for `url` should be cancelled. */
  blocks(url: string): boolean {
    return !this.allowed.has(url);
  }
}

/** What the printer needs of a BrowserWindow. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  printToPDF(options: ReturnType<typeof printToPdfOptions>): Promise<Uint8Array>;
  destroy(): void;
}

export interface WindowPrinterDeps {
  openWindow(): PrintWindow;
  policy: PrintRequestPolicy;
  /** Folder for the document while it prints (default: the OS temp folder). */
  tempRoot?: string;
  timeoutMs?: number;
}

/**
 * A PdfPrinter over a print window. The document is loaded from a private temporary file (0600 in a
 * fresh folder, deleted after printing): a data: URL is capped at 2 MB by Chromium, and a briefing
 * with 50,000 indicators is about 14 MB of HTML.
 */
export function windowPdfPrinter(deps: WindowPrinterDeps): PdfPrinter {
  return async (html, setup) => {
    const folder = await mkdtemp(join(deps.tempRoot ?? tmpdir(), 'liaison-print-'));
    const file = join(folder, 'briefing.html');
    const url = pathToFileURL(file).href;
    let window: PrintWindow | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      deps.policy.allow(url);
      const opened = deps.openWindow();
      window = opened;
      const printing = (async () => {
        await opened.loadURL(url);
        return opened.printToPDF(printToPdfOptions(setup));
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`printing took longer than ${(deps.timeoutMs ?? PRINT_TIMEOUT_MS) / 1000} s`)), deps.timeoutMs ?? PRINT_TIMEOUT_MS);
      });
      return await Promise.race([printing, timeout]);
    } finally {
      clearTimeout(timer);
      deps.policy.revoke(url);
      window?.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  };
}
