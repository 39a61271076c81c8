import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indicator, sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { tempDirs } from '../../../../test/helpers/temp-dirs';
import { exportBriefing } from './export-briefing';
import { PDF_INDICATOR_LIMIT } from './export-pdf';
import { findChromium } from './find-chromium';
import { BriefingExportError } from './export-error';

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

describe('PDF export', () => {
  it.skipIf(!executable)('puts the TLP label and the page number on every page, with selectable text, and renders page 1', async () => {
    // Enough indicators for several pages, so "every page" means something.
    const indicators = Array.from({ length: 160 }, (_, n) => indicator(`i-${n}`, 'domain', `host-${n}.badcdn.example`, n % 2 ? 'green' : 'clear', 'malicious'));
    const result = await exportBriefing(sampleBriefing({ indicators }), { format: 'pdf', tlpMax: 'amber' });
    expect(result).toMatchObject({ mediaType: 'application/pdf', extension: 'pdf', marking: 'amber' });
    const dir = dirs.make();
    const file = path.join(dir, 'briefing.pdf');
    fs.writeFileSync(file, result.bytes);
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, n) => {
      // Header and footer: two labels per page, and "Page n of N".
      expect(text.match(/TLP:AMBER(?!\+)/g)?.length ?? 0, `page ${n + 1}`).toBeGreaterThanOrEqual(2);
      expect(text, `page ${n + 1}`).toContain(`Page ${n + 1} of ${pages.length}`);
    });
    expect(pages[0]).toContain('Cyber Activity Report: ShadowPad loader');
    expect(pages.join('')).toContain('host-159[.]badcdn[.]example');
    expect(pages.join('')).not.toContain('Source handling');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page-1')]);
    const png = fs.readFileSync(path.join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('uses the printer it is given (the app passes Electron printToPDF) with the marking in the page templates', async () => {
    let seen: { html: string; header: string; footer: string } | undefined;
    const result = await exportBriefing(sampleBriefing(), {
      format: 'pdf', tlpMax: 'green',
      pdfPrinter: async (html, templates) => {
        seen = { html, header: templates.headerTemplate, footer: templates.footerTemplate };
        return new Uint8Array([37, 80, 68, 70]);
      },
    });
    expect(result.marking).toBe('green');
    expect(seen!.header).toContain('color:#33FF00');
    expect(seen!.header).toContain('>TLP:GREEN</span>');
    expect(seen!.footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(seen!.html).not.toContain('Infrastructure');
  });

  it('lists at most PDF_INDICATOR_LIMIT indicators, and says so in the document and the export notes', async () => {
    const many = Array.from({ length: PDF_INDICATOR_LIMIT + 1 }, (_, n) => indicator(`i-${n}`, 'domain', `host-${n}.badcdn.example`, 'clear', 'malicious'));
    let printed = '';
    const result = await exportBriefing(sampleBriefing({ indicators: many }), { format: 'pdf', tlpMax: 'amber', pdfPrinter: async (html) => { printed = html; return new Uint8Array(); } });
    expect(result.notes).toEqual([`the PDF lists the first ${PDF_INDICATOR_LIMIT} of ${PDF_INDICATOR_LIMIT + 1} indicators`]);
    expect(printed.match(/<tr data-tlp=/g)).toHaveLength(PDF_INDICATOR_LIMIT);
    expect(printed).toContain(`This briefing attaches ${(PDF_INDICATOR_LIMIT + 1).toLocaleString('en-US')} indicators; this document lists the first ${PDF_INDICATOR_LIMIT.toLocaleString('en-US')}.`);
    const html = await exportBriefing(sampleBriefing({ indicators: many }), { format: 'html', tlpMax: 'amber' });
    expect(new TextDecoder().decode(html.bytes).match(/<tr data-tlp=/g)).toHaveLength(PDF_INDICATOR_LIMIT + 1);
    expect(html.notes).toEqual([]);
  });

  it('fails with a clear error when the browser cannot start', async () => {
    const { chromiumPdfPrinter } = await import('./export-pdf');
    const attempt = exportBriefing(sampleBriefing(), { format: 'pdf', tlpMax: 'amber', pdfPrinter: chromiumPdfPrinter({ executablePath: '/nonexistent/chromium' }) });
    await expect(attempt).rejects.toBeInstanceOf(BriefingExportError);
    await expect(attempt).rejects.toThrow(/could not start \/nonexistent\/chromium/);
  });
});
