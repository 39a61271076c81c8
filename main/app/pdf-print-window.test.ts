import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_PAGE_SETUP } from '../core/briefings/export';
import { tempDirs } from '../../test/helpers/temp-dirs';
import { PrintRequestPolicy, printToPdfOptions, windowPdfPrinter, type PrintWindow } from './pdf-print-window';

const dirs = tempDirs('liaison-print-window-');
afterAll(() => dirs.cleanup());

/** A fake print window recording what happened, and what the policy allowed while it loaded. */
function fakeWindow(policy: PrintRequestPolicy, behaviour: { failLoad?: boolean; hang?: boolean } = {}) {
  const log: string[] = [];
  let loaded: { url: string; html: string; mode: number; allowed: boolean; otherAllowed: boolean } | undefined;
  const window: PrintWindow = {
    async loadURL(url) {
      log.push('load');
      const file = fileURLToPath(url);
      loaded = { url, html: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777, allowed: !policy.blocks(url), otherAllowed: !policy.blocks('https://tracker.example/x.png') };
      if (behaviour.failLoad) throw new Error('ERR_FAILED (-2) loading');
      if (behaviour.hang) await new Promise(() => undefined);
    },
    async printToPDF(options) {
      log.push(`print ${JSON.stringify(options)}`);
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
    destroy() {
      log.push('destroy');
    },
  };
  return { window, log, loaded: () => loaded };
}

describe('the app\'s print window', () => {
  it('prints A4 with backgrounds, no header or footer of its own, margins in inches', () => {
    expect(printToPdfOptions({ marginMm: { top: 25.4, bottom: 12.7, left: 0, right: 50.8 } })).toEqual({
      pageSize: 'A4', printBackground: true, displayHeaderFooter: false, preferCSSPageSize: false,
      margins: { top: 1, bottom: 0.5, left: 0, right: 2 },
    });
  });

  it('loads the document from a private file that only it may request, prints it, then closes and deletes everything', async () => {
    const policy = new PrintRequestPolicy();
    const fake = fakeWindow(policy);
    const root = dirs.make();
    const printer = windowPdfPrinter({ policy, openWindow: () => fake.window, tempRoot: root });
    const pdf = await printer('<!DOCTYPE html><title>TLP:AMBER x</title>', PDF_PAGE_SETUP);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    const loaded = fake.loaded()!;
    expect(loaded).toMatchObject({ html: '<!DOCTYPE html><title>TLP:AMBER x</title>', mode: 0o600, allowed: true, otherAllowed: false });
    expect(fake.log).toEqual(['load', `print ${JSON.stringify(printToPdfOptions(PDF_PAGE_SETUP))}`, 'destroy']);
    expect(policy.blocks(loaded.url)).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  });

  it('closes the window, revokes the document and deletes the file when loading fails', async () => {
    const policy = new PrintRequestPolicy();
    const fake = fakeWindow(policy, { failLoad: true });
    const root = dirs.make();
    const printer = windowPdfPrinter({ policy, openWindow: () => fake.window, tempRoot: root });
    await expect(printer('<html>', PDF_PAGE_SETUP)).rejects.toThrow(/ERR_FAILED/);
    expect(fake.log).toEqual(['load', 'destroy']);
    expect(policy.blocks(fake.loaded()!.url)).toBe(true);
    expect(existsSync(fileURLToPath(fake.loaded()!.url))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('gives up on a print that never finishes', async () => {
    const policy = new PrintRequestPolicy();
    const fake = fakeWindow(policy, { hang: true });
    const root = dirs.make();
    const printer = windowPdfPrinter({ policy, openWindow: () => fake.window, tempRoot: root, timeoutMs: 50 });
    await expect(printer('<html>', PDF_PAGE_SETUP)).rejects.toThrow(/printing took longer than 0.05 s/);
    expect(fake.log).toEqual(['load', 'destroy']);
    expect(readdirSync(root)).toEqual([]);
  });
});
