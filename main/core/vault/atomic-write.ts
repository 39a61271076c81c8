import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file` so that after a crash it holds either the old or the new content, never a mix: write a
 * temp file in the same folder (rename is only atomic within one filesystem), fsync it, rename over the
 * target, then fsync the folder so the rename itself is durable. Synchronous so it can run inside a SQLite
 * transaction callback.
 */
export function writeFileAtomicSync(file: string, content: string, mode = 0o600): void {
  const temp = stageFileSync(file, content, mode);
  replaceWithStagedSync(temp, file);
  fsyncDirectorySync(path.dirname(file));
}

/** Writes `content` to a fresh temp file beside `file` and fsyncs it; returns the temp file's path. */
export function stageFileSync(file: string, content: string, mode = 0o600): string {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, content, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

/** Renames a staged temp file over `file`; on failure the temp file is removed and `file` is unchanged. */
export function replaceWithStagedSync(temp: string, file: string): void {
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Makes renames in `dir` durable. */
export function fsyncDirectorySync(dir: string): void {
  // Windows cannot open a folder for fsync; NTFS makes the rename durable on its own there.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
