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
}

/** Largest file the browser host accepts by upload; the desktop app and the CLI stream files of any size. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Electron-only channels the preload uses to implement FilesApi; handled in main, never forwarded raw. */
export const FILES_PICK_CHANNEL = 'files:pick';
export const FILES_GRANT_CHANNEL = 'files:grant';
