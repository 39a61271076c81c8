import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type CoreClient } from '../../main/host/core-client';
import type { PdfPageSetup } from '../../main/core/briefings/export';
import { plainPdf } from '../helpers/fake-pdf-printer';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-core-worker-pdf-');
const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  dirs.cleanup();
});

describe('core worker with the host printing PDFs (the app: Electron printToPDF)', () => {
  it('prints through the host printer and stamps the marking on the pages it returns', async () => {
    const printed: Array<{ html: string; setup: PdfPageSetup }> = [];
    const exportFolder = dirs.make();
    const core = startCore({
      vaultLocation: join(dirs.make(), 'vault'),
      actor: 'worker-test',
      exportFolder,
      workerUrl: new URL('../helpers/core-worker-from-source.mjs', import.meta.url),
      pdfPrinter: async (html, setup) => {
        printed.push({ html, setup });
        return plainPdf(2);
      },
    });
    clients.push(core);
    expect(await core.invoke('vault:create', { passphrase: 'a long enough passphrase' })).toMatchObject({ ok: true });
    const created = await core.invoke('briefings:create', { title: 'Host printer check', tlp: 'amber' });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: number } }).value.id;
    expect(await core.invoke('briefings:save', { id })).toMatchObject({ ok: true });
    const exported = await core.invoke('briefings:export', { id, format: 'pdf' });
    expect(exported).toMatchObject({ ok: true, value: { format: 'pdf', marking: 'amber' } });
    expect(printed).toHaveLength(1);
    expect(printed[0]!.html).toContain('<title>TLP:AMBER Host printer check</title>');
    const file = join(exportFolder, (exported as { value: { fileName: string } }).value.fileName);
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    pages.forEach((text, n) => {
      expect(text.match(/TLP:AMBER/g), `page ${n + 1}`).toHaveLength(2);
      expect(text).toContain(`Page ${n + 1} of 2`);
    });
  });

  it('reports a host printer failure as a clear error, and the worker keeps serving', async () => {
    const core = startCore({
      vaultLocation: join(dirs.make(), 'vault'),
      actor: 'worker-test',
      exportFolder: dirs.make(),
      workerUrl: new URL('../helpers/core-worker-from-source.mjs', import.meta.url),
      pdfPrinter: async () => {
        throw new Error('the print window crashed');
      },
    });
    clients.push(core);
    await core.invoke('vault:create', { passphrase: 'a long enough passphrase' });
    const created = await core.invoke('briefings:create', { title: 'Failing printer', tlp: 'green' });
    const id = (created as { value: { id: number } }).value.id;
    await core.invoke('briefings:save', { id });
    const exported = await core.invoke('briefings:export', { id, format: 'pdf' });
    expect(exported).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!exported.ok && exported.error.message).toMatch(/the print window crashed/);
    expect(await core.invoke('briefings:export', { id, format: 'html' })).toMatchObject({ ok: true });
  });
});
