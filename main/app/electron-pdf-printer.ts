/**
 * Electron's printToPDF as the core's PdfPrinter (issue #11): binds pdf-print-window.ts to a real
 * BrowserWindow and session. Kept to the Electron calls; the window options stay a literal here so
 * Electronegativity sees them. Call after `app` is ready.
 */
import { BrowserWindow, session } from 'electron';
import type { PdfPrinter } from '../core/briefings/export';
import { guardSession } from './guards';
import { PRINT_PARTITION, PrintRequestPolicy, windowPdfPrinter } from './pdf-print-window';

export function electronPdfPrinter(): PdfPrinter {
  const policy = new PrintRequestPolicy();
  const printSession = session.fromPartition(PRINT_PARTITION, { cache: false });
  // No permissions, no downloads; then this session's own request filter replaces guardSession's.
  guardSession(printSession);
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: policy.blocks(details.url) }));
  return windowPdfPrinter({
    policy,
    openWindow: () => {
      const window = new BrowserWindow({
        show: false,
        // A4 at 96 dpi: the layout width the print starts from, as in headless Chromium.
        width: 794,
        height: 1123,
        webPreferences: {
          partition: PRINT_PARTITION,
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          images: false,
          webgl: false,
          plugins: false,
          webviewTag: false,
          navigateOnDragDrop: false,
          spellcheck: false,
          experimentalFeatures: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      return {
        loadURL: (url) => window.loadURL(url),
        printToPDF: (options) => window.webContents.printToPDF(options),
        destroy: () => window.destroy(),
      };
    },
  });
}
