import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FILES_SAVE_EXPORT_CHANNEL } from '../../preload/contract';

const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
const showSaveDialog = vi.fn();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: (...args: unknown[]) => showSaveDialog(...args) },
}));
const { bindElectronFiles } = await import('./electron-files');

const ORIGIN = 'app://liaison/';
const sender = { isDestroyed: () => false } as unknown as WebContents;
const trustedEvent = { sender, senderFrame: { url: `${ORIGIN}index.html`, parent: null } } as unknown as IpcMainInvokeEvent;

let base: string;
let exportFolder: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'liaison-save-export-'));
  exportFolder = path.join(base, 'exports');
  await mkdir(exportFolder);
  await writeFile(path.join(exportFolder, 'wave-2-v3.pdf'), '%PDF-1.7 TLP:AMBER');
  await writeFile(path.join(base, 'vault.db'), 'secret');
  bindElectronFiles({ trustedContents: () => sender, trustedOrigin: ORIGIN, exportFolder, register: async () => ({ ok: true, value: { grantId: 'g', files: [] } }), log: () => undefined });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const save = (name: unknown) => handlers.get(FILES_SAVE_EXPORT_CHANNEL)!(trustedEvent, name);

describe('files:save-export', () => {
  it('copies the named export where the analyst chose in the save dialog', async () => {
    const target = path.join(base, 'chosen.pdf');
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await save('wave-2-v3.pdf')).toEqual({ ok: true, value: { saved: true } });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 TLP:AMBER');
    expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ defaultPath: 'wave-2-v3.pdf' });
    showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save('wave-2-v3.pdf')).toEqual({ ok: true, value: { saved: false } });
  });

  it('copies nothing but a plain name inside the export folder', async () => {
    await symlink(path.join(base, 'vault.db'), path.join(exportFolder, 'escape.pdf'));
    showSaveDialog.mockClear();
    for (const name of ['../vault.db', '/etc/passwd', 'missing.pdf', 42]) expect(await save(name)).toMatchObject({ ok: false });
    expect(await save('escape.pdf')).toMatchObject({ ok: false });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});
