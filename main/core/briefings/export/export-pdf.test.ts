import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indicator, sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { plainPdf, recordingPdfPrinter } from '../../../../test/helpers/fake-pdf-printer';
import { tempDirs } from '../../../../test/helpers/temp-dirs';
import { exportBriefing } from './export-briefing';
import { PDF_PAGE_SETUP } from './export-pdf';
import { findChromium } from './find-chromium';
import { BriefingExportError } from './export-error';
import { stampPageMarks } from './pdf-page-marks';

const dirs = tempDirs('liaison-pdf-');
afterAll(() => dirs.cleanup());

function browser(): string | undefined {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
}

const executable = browser();
if (!executable) console.warn('export-pdf.test.ts: skipping the PDF rendering tests: no Chromium found (set LIAISON_CHROMIUM)');

/** The text of each page, as a recipient's tool extracts it. */
function pdfPages(bytes: Uint8Array): string[] {
  const file = path.join(dirs.make(), 'briefing.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').filter((p) => p.trim() !== '');
}

function expectMarkedPages(pages: readonly string[], label: RegExp): void {
  pages.forEach((text, n) => {
    // Header and footer: a label at the top and at the bottom of every page, and "Page n of N".
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0], `page ${n + 1} header`).toMatch(label);
    expect(lines.at(-1), `page ${n + 1} footer`).toMatch(label);
    expect(lines.at(-1), `page ${n + 1} footer`).toContain(`Page ${n + 1} of ${pages.length}`);
  });
}

describe('PDF export', () => {
  it.skipIf(!executable)('puts the TLP label and the page number on every page, with selectable text, and renders page 1', async () => {
    // Enough indicators for several pages, so "every page" means something.
    const indicators = Array.from({ length: 300 }, (_, n) => indicator(`i-${n}`, 'domain', `host-${n}.badcdn.example`, n % 2 ? 'green' : 'clear', 'malicious'));
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'amber' });
    expect(result).toMatchObject({ mediaType: 'application/pdf', extension: 'pdf', marking: 'amber' });
    const pages = pdfPages(result.bytes);
    expect(pages.length).toBeGreaterThan(2);
    expectMarkedPages(pages, /TLP:AMBER(?!\+)/);
    expect(pages[0]).toContain('Cyber Activity Report: ShadowPad loader');
    expect(pages.join('')).toMatch(/domain\s+TLP:GREEN\s+malicious\s+80 2026-02-20 2026-03-03\s+\d+ host-299\[\.\]badcdn\[\.\]example/);
    expect(pages.join('')).not.toContain('Source handling');
    const dir = dirs.make();
    const file = path.join(dir, 'briefing.pdf');
    fs.writeFileSync(file, result.bytes);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page-1')]);
    const png = fs.readFileSync(path.join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it.skipIf(!executable)('lists every indicator, past the 5,000 the table layout could print, each page marked', async () => {
    const count = 6_000;
    const indicators = Array.from({ length: count }, (_, n) => indicator(`i-${n}`, n % 3 ? 'domain' : 'sha256', n % 3 ? `host-${n}.badcdn.example` : n.toString(16).padStart(64, 'a'), n % 2 ? 'green' : 'clear', 'malicious'));
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'green' });
    expect(result.notes).toEqual([]);
    const pages = pdfPages(result.bytes);
    expect(pages.length).toBeGreaterThan(60);
    expectMarkedPages(pages, /TLP:GREEN/);
    // A wrapped sha256 continues on the next line; join the text before looking for whole values.
    const text = pages.join('\n').replace(/\n\s+(?=[0-9a-f]+\n)/g, '');
    const missing = indicators.filter((i) => !text.includes(i.type === 'domain' ? `${i.value.replace(/\./g, '[.]')}\n` : i.value));
    expect(missing.map((i) => i.value)).toEqual([]);
  }, 120_000);

  it('hands the printer the narrative and the page setup, typesets the indicators after it, and marks every page', async () => {
    const { printer, calls } = recordingPdfPrinter(3);
    const indicators = Array.from({ length: 1_200 }, (_, n) => indicator(`i-${n}`, 'domain', `host-${n}.badcdn.example`, 'clear', 'malicious'));
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'green', pdfPrinter: printer });
    expect(result.marking).toBe('green');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.setup).toEqual(PDF_PAGE_SETUP);
    expect(calls[0]!.html).not.toContain('Infrastructure');
    expect(calls[0]!.html).toContain('Indicators (1,200)');
    expect(calls[0]!.html).not.toContain('badcdn[.]example');
    const pages = pdfPages(result.bytes);
    // About 80 one-row indicators fit a page: 15 annex pages after the 3 printed ones.
    expect(pages.length).toBeGreaterThanOrEqual(3 + 14);
    expectMarkedPages(pages, /TLP:GREEN/);
    expect(pages[1]).toContain('body of page 2');
    expect(pages[3]).toContain('Indicators (1,200)');
    expect(pages[3]).toContain('Values are defanged');
    for (const page of pages.slice(3)) expect(page).toMatch(/Type\s+TLP\s+Status\s+Conf\s+First seen\s+Last seen\s+Seen Value/);
    const listed = pages.join('\n').match(/host-\d+\[\.\]badcdn\[\.\]example/g) ?? [];
    expect(listed).toEqual(indicators.map((i) => i.value.replace(/\./g, '[.]')));
  });

  it('keeps a wrapped value on one page and splits only a value longer than a page', async () => {
    const { printer } = recordingPdfPrinter(1);
    const long = `https://c2.badcdn.example/${'p'.repeat(12_000)}`;
    const indicators = [
      ...Array.from({ length: 150 }, (_, n) => indicator(`h-${n}`, 'sha512', createHash('sha512').update(String(n)).digest('hex'), 'clear', 'malicious')),
      indicator('long', 'url', long, 'clear', 'malicious'),
    ];
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'green', pdfPrinter: printer, defang: false });
    const pages = pdfPages(result.bytes);
    expectMarkedPages(pages, /TLP:GREEN/);
    for (const i of indicators.slice(0, 150)) {
      const page = pages.find((p) => p.includes(i.value.slice(0, 41)));
      // The 128 digits run over four rows of one page: joined, they are the whole value.
      expect(page?.replace(/\n\s+(?=[0-9a-f]+\n)/g, ''), i.value).toContain(i.value);
    }
    // The 12,000-character URL needs about 300 rows, several pages: every row is there, in order.
    const runs = pages.join('\n').match(/p{10,}/g) ?? [];
    expect(runs.join('')).toBe('p'.repeat(12_000));
    expect(pages.filter((p) => /p{41}/.test(p)).length).toBeGreaterThan(2);
  });

  it('leaves a value the standard font cannot show to the printer, as a text line, and annexes the rest', async () => {
    const { printer, calls } = recordingPdfPrinter(2);
    const indicators = [
      indicator('i-1', 'domain', 'badcdn.example', 'clear', 'malicious'),
      indicator('i-2', 'filename', 'счёт-фактура.pdf.exe', 'clear', 'malicious'),
      indicator('i-3', 'filename', 'Überweisung_März.pdf.exe', 'clear', 'malicious'),
    ];
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'green', pdfPrinter: printer });
    const html = calls[0]!.html;
    expect(html).toContain('Indicators (3)');
    expect(html).toContain('2 of them are listed one per line in the annex');
    expect(html).toContain('This one holds characters');
    expect(html).toContain('<div class="indicator-lines indicator-lines-head">');
    expect(html).toContain('счёт-фактура.pdf.exe');
    expect(html).not.toContain('badcdn[.]example');
    const pages = pdfPages(result.bytes);
    expect(pages).toHaveLength(3);
    expectMarkedPages(pages, /TLP:GREEN/);
    // Latin-1 beyond ASCII is in WinAnsi: the annex shows it as written.
    expect(pages[2]).toContain('Überweisung_März.pdf.exe');
    expect(pages[2]).toContain('badcdn[.]example');
    expect(pages[2]).toContain('The other one, which holds characters this font cannot show, is listed');
  });

  it('refuses what is not a PDF with a clear error', async () => {
    await expect(stampPageMarks(new TextEncoder().encode('<html>not a pdf'), 'clear')).rejects.toThrow(BriefingExportError);
    await expect(exportBriefing(sampleBriefing(), { format: 'pdf', tlpMax: 'amber', pdfPrinter: async () => new Uint8Array() })).rejects.toThrow(/no readable PDF|without pages/);
  });

  it('stamps each marking in its FIRST colours', async () => {
    for (const level of ['clear', 'amber+strict', 'red'] as const) {
      const pages = pdfPages(await stampPageMarks(await plainPdf(2), level));
      expectMarkedPages(pages, new RegExp(`TLP:${level.toUpperCase().replace('+', '\\+')}`));
    }
  });

  it('fails with a clear error when the browser cannot start', async () => {
    const { chromiumPdfPrinter } = await import('./export-pdf');
    const attempt = exportBriefing(sampleBriefing(), { format: 'pdf', tlpMax: 'amber', pdfPrinter: chromiumPdfPrinter({ executablePath: '/nonexistent/chromium' }) });
    await expect(attempt).rejects.toBeInstanceOf(BriefingExportError);
    await expect(attempt).rejects.toThrow(/could not start \/nonexistent\/chromium/);
  });
});
