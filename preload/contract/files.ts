import type { Result } from './result';

/** Files the analyst chose, registered with the core under an opaque, single-use id. */
export interface FileGrant {
  grantId: string;
  files: { name: string; size: number }[];
}

/**
 * How files reach the core. Not a core channel: each transport implements it — the Electron preload
 * with the main-side open dialog and dropped files' real paths, the web bridge by upload — so the
 * renderer never names a path the core will read.
 */
export interface FilesApi {
  /** Opens the system file dialog; resolves to null when the analyst cancels. Not available in the browser. */
  pick(): Promise<Result<FileGrant | null>>;
  /** Grants files the analyst dropped on the window or chose in an `<input type="file">`. */
  grant(files: File[]): Promise<Result<FileGrant>>;
  /** Whether `pick` opens a native dialog (Electron) or the renderer must use a file input (browser). */
  readonly canPick: boolean;
  /**
   * Hands the analyst a file the core wrote to the session's export folder, named as the export outcome
   * names it: a save dialog in the desktop app, a download in the browser. Resolves to whether it was
   * saved (false when the analyst cancelled the dialog).
   */
  saveExport(fileName: string): Promise<Result<{ saved: boolean }>>;
}

/**
 * Names the core gives export files: a plain file name, no folders, so a transport can serve or copy
 * exactly one file out of the export folder and nothing else.
 */
export const EXPORT_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isExportFileName(name: unknown): name is string {
  return typeof name === 'string' && EXPORT_FILE_NAME.test(name) && !name.includes('..');
}

/** Largest file the browser host accepts by upload; the desktop app and the CLI stream files of any size. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Electron-only channels the preload uses to implement FilesApi; handled in main, never forwarded raw. */
export const FILES_PICK_CHANNEL = 'files:pick';
export const FILES_GRANT_CHANNEL = 'files:grant';
export const FILES_SAVE_EXPORT_CHANNEL = 'files:save-export';
