import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PDF_PAGE_SETUP } from '../core/briefings/export';

/** What the fake Electron saw: sessions asked for, windows made, and the request filter installed. */
const electron = vi.hoisted(() => ({
  partitions: [] as Array<{ name: string; options: unknown }>,
  windows: [] as Array<{ options: { show: boolean; webPreferences: Record<string, unknown> }; calls: string[] }>,
  filter: undefined as undefined | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
  loadedHtml: '',
}));

vi.mock('electron', () => {
  const session = {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    on: () => undefined,
    webRequest: { onBeforeRequest: (listener: typeof electron.filter) => { electron.filter = listener; } },
  };
  class BrowserWindow {
    private readonly record: (typeof electron.windows)[number];
    readonly webContents = {
      printToPDF: async (options: unknown) => {
        this.record.calls.push(`print ${JSON.stringify(options)}`);
        return Buffer.from('%PDF-1.7 from electron');
      },
    };
    constructor(options: (typeof electron.windows)[number]['options']) {
      this.record = { options, calls: [] };
      electron.windows.push(this.record);
    }
    async loadURL(url: string): Promise<void> {
      this.record.calls.push(`load ${url.startsWith('file://') ? 'file' : url}`);
      electron.loadedHtml = readFileSync(fileURLToPath(url), 'utf8');
      const decide = (u: string): boolean => {
        let cancel = true;
        electron.filter!({ url: u }, (r) => { cancel = r.cancel; });
        return cancel;
      };
      this.record.calls.push(`own document blocked: ${decide(url)}`, `remote blocked: ${decide('https://tracker.example/p.png')}`, `app page blocked: ${decide('app://liaison/index.html')}`);
    }
    destroy(): void {
      this.record.calls.push('destroy');
    }
  }
  return {
    BrowserWindow,
    app: { on: () => undefined },
    session: { fromPartition: (name: string, options: unknown) => { electron.partitions.push({ name, options }); return session; } },
  };
});

const { electronPdfPrinter } = await import('./electron-pdf-printer');

beforeEach(() => {
  electron.partitions.length = 0;
  electron.windows.length = 0;
  electron.filter = undefined;
});

describe('Electron printToPDF as the core\'s printer', () => {
  it('prints in a hidden, sandboxed, script-less window of an in-memory session that may load only the document', async () => {
    const printer = electronPdfPrinter();
    expect(electron.partitions).toEqual([{ name: 'liaison-pdf-print', options: { cache: false } }]);
    const pdf = await printer('<!DOCTYPE html><title>TLP:GREEN b</title>', PDF_PAGE_SETUP);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 from electron');
    expect(electron.loadedHtml).toBe('<!DOCTYPE html><title>TLP:GREEN b</title>');
    const [window] = electron.windows;
    expect(window!.options.show).toBe(false);
    expect(window!.options.webPreferences).toMatchObject({ partition: 'liaison-pdf-print', javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(window!.calls).toEqual([
      'load file', 'own document blocked: false', 'remote blocked: true', 'app page blocked: true',
      expect.stringMatching(/^print \{"pageSize":"A4","printBackground":true,"displayHeaderFooter":false/), 'destroy',
    ]);
    // After printing the document is no longer allowed either.
    let cancelled = false;
    electron.filter!({ url: 'file:///tmp/liaison-print-x/briefing.html' }, (r) => { cancelled = r.cancel; });
    expect(cancelled).toBe(true);
  });
});
