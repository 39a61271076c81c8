import { copyFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions, type WebContents } from 'electron';
import { FILES_GRANT_CHANNEL, FILES_PICK_CHANNEL, FILES_SAVE_EXPORT_CHANNEL, isExportFileName, type FileGrant, type Result } from '../../preload/contract';
import { isTrustedSender } from './electron-ipc';

export interface PathFile {
  kind: 'path';
  path: string;
  name: string;
  size: number;
}

export interface ElectronFilesOptions {
  trustedContents: () => WebContents | undefined;
  trustedOrigin: string;
  /** Registers the files with the core as a single-use grant. */
  register: (files: PathFile[]) => Promise<Result<FileGrant>>;
  /** The session's export folder, which `files:save-export` copies out of by name. */
  exportFolder?: string;
  log?: (line: string) => void;
}

const REFUSED: Result<never> = { ok: false, error: { code: 'INVALID_INPUT', message: 'Request refused.' } };
const UNREADABLE: Result<never> = { ok: false, error: { code: 'NOT_FOUND', message: 'One of those files cannot be read.' } };
const MAX_FILES = 100;

async function describeFiles(paths: readonly string[]): Promise<PathFile[] | undefined> {
  const files: PathFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    files.push({ kind: 'path', path, name: basename(path), size: info.size });
  }
  return files;
}

/**
 * `files:pick` opens the system dialog here in main, so the renderer never names a path; `files:grant` takes
 * the paths of files the analyst dropped, which only the preload can read from a File (webUtils).
 */
export function bindElectronFiles(options: ElectronFilesOptions): () => void {
  const log = options.log ?? ((line: string) => console.warn(line));
  const trusted = (event: IpcMainInvokeEvent, channel: string): boolean => {
    if (isTrustedSender(event, options)) return true;
    log(`[ipc] refused ${channel} from an untrusted sender`);
    return false;
  };

  ipcMain.handle(FILES_PICK_CHANNEL, async (event): Promise<Result<FileGrant | null>> => {
    if (!trusted(event, FILES_PICK_CHANNEL)) return REFUSED;
    const window = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions: OpenDialogOptions = { title: 'Choose files to import', properties: ['openFile', 'multiSelections'] };
    const choice = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    if (choice.canceled || choice.filePaths.length === 0) return { ok: true, value: null };
    const files = await describeFiles(choice.filePaths);
    return files ? options.register(files) : UNREADABLE;
  });

  ipcMain.handle(FILES_GRANT_CHANNEL, async (event, paths: unknown): Promise<Result<FileGrant>> => {
    if (!trusted(event, FILES_GRANT_CHANNEL)) return REFUSED;
    const valid = Array.isArray(paths) && paths.length > 0 && paths.length <= MAX_FILES && paths.every((path) => typeof path === 'string' && path.length > 0);
    if (!valid) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Drop files from your computer to import them.' } };
    const files = await describeFiles(paths as string[]);
    return files ? options.register(files) : UNREADABLE;
  });

  ipcMain.handle(FILES_SAVE_EXPORT_CHANNEL, async (event, fileName: unknown): Promise<Result<{ saved: boolean }>> => {
    if (!trusted(event, FILES_SAVE_EXPORT_CHANNEL)) return REFUSED;
    if (!options.exportFolder || !isExportFileName(fileName)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'That is not the name of an export.' } };
    const source = join(await realpath(options.exportFolder), fileName);
    // A symlink planted in the folder must not copy out a file from elsewhere (the vault's own, say).
    if ((await realpath(source).catch(() => undefined)) !== source) return UNREADABLE;
    if (!(await stat(source).catch(() => undefined))?.isFile()) return UNREADABLE;
    const window = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions: SaveDialogOptions = { title: 'Save the export', defaultPath: fileName };
    const choice = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
    await copyFile(source, choice.filePath);
    return { ok: true, value: { saved: true } };
  });

  return () => {
    ipcMain.removeHandler(FILES_SAVE_EXPORT_CHANNEL);
    ipcMain.removeHandler(FILES_PICK_CHANNEL);
    ipcMain.removeHandler(FILES_GRANT_CHANNEL);
  };
}
