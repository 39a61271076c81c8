import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FileFingerprint {
  sha256: string;
  size: number;
  mtimeMs: number;
  mode: number;
}

/** Hash, size, mtime and mode of every regular file directly in `dir`, keyed by name: to prove "touched nothing". */
export function snapshotFolder(dir: string): Record<string, FileFingerprint> {
  const snapshot: Record<string, FileFingerprint> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    if (!stat.isFile()) continue;
    snapshot[name] = {
      sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      mode: stat.mode,
    };
  }
  return snapshot;
}

/** SHA-256 of one file. */
export function hashFile(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
