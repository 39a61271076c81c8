import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportErrorEntry } from './import-summary';

/** One unit of import: a file, a MISP feed folder (manifest.json + <uuid>.json events), or uploaded bytes. */
export type ImportInput =
  /** `inFolder`: found by reading a folder the analyst named, not named itself. */
  | { kind: 'file'; path: string; size: number; inFolder?: boolean }
  | { kind: 'misp-feed'; path: string }
  /** `movable`: see ByteSource in ./import-job.ts. */
  | { kind: 'bytes'; path: string; size: number; bytes: Uint8Array; inFolder?: boolean; movable?: boolean };

/**
 * Expands the paths the analyst named: files as they are, folders recursively (hidden entries skipped,
 * sorted for a stable order), a folder holding manifest.json as one MISP feed. Paths that cannot be
 * read become errors naming them; they never stop the others.
 */
export async function collectInputs(paths: readonly string[]): Promise<{ inputs: ImportInput[]; errors: ImportErrorEntry[] }> {
  const inputs: ImportInput[] = [];
  const errors: ImportErrorEntry[] = [];
  // Folders already read, by device and inode: a symbolic link back to an ancestor (or two links to the
  // same folder) would otherwise import the same files again and again, exponentially with every loop.
  const visited = new Set<string>();
  const visit = async (path: string, depth: number): Promise<void> => {
    try {
      const info = await stat(path);
      if (info.isFile()) {
        inputs.push(depth > 0 ? { kind: 'file', path, size: info.size, inFolder: true } : { kind: 'file', path, size: info.size });
        return;
      }
      if (!info.isDirectory()) {
        errors.push({ file: path, location: 'file', reason: 'not a regular file or folder' });
        return;
      }
      const folderId = `${info.dev}:${info.ino}`;
      if (visited.has(folderId)) {
        errors.push({ file: path, location: 'folder', reason: 'folder already read (a symbolic link loops back to it); skipped' });
        return;
      }
      visited.add(folderId);
      if (depth > 32) {
        errors.push({ file: path, location: 'folder', reason: 'folders nested too deep (over 32 levels)' });
        return;
      }
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
      if (entries.includes('manifest.json')) {
        inputs.push({ kind: 'misp-feed', path });
        return;
      }
      for (const name of entries) await visit(join(path, name), depth + 1);
    } catch (error) {
      errors.push({ file: path, location: 'file', reason: describeFsError(error) });
    }
  };
  for (const path of paths) await visit(path, 0);
  return { inputs, errors };
}

/** A file-system failure as one clear phrase (no stack). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (cannot read it)';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
  }
}

export function displayName(path: string): string {
  return basename(path) || path;
}
