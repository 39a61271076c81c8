import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Random marker strings: random so that no source file, log or cache can contain them by accident. */
export function makeMarkers(count: number, label = 'LWMARK'): string[] {
  return Array.from({ length: count }, (_, i) => `${label}${i}_${crypto.randomBytes(8).toString('hex')}`);
}

/** Every regular file under `dir` (recursively), optionally only those modified at or after `sinceMs`. */
export function listFiles(dir: string, options: { sinceMs?: number; maxBytes?: number } = {}): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return; // other users' or vanished folders in a shared tmpdir
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = fs.statSync(full, { throwIfNoEntry: false });
        if (!stat) continue;
        if (options.sinceMs !== undefined && stat.mtimeMs < options.sinceMs && stat.ctimeMs < options.sinceMs) continue;
        if (options.maxBytes !== undefined && stat.size > options.maxBytes) continue;
        found.push(full);
      }
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Which markers occur in which files, searched as UTF-8 and as UTF-16LE bytes (SQLite can store text in
 * either). Returns one line per hit; an empty array means no plaintext leaked.
 */
export function findMarkers(files: string[], markers: string[]): string[] {
  const needles = markers.flatMap((marker) => [
    { marker, encoding: 'utf8', bytes: Buffer.from(marker, 'utf8') },
    { marker, encoding: 'utf16le', bytes: Buffer.from(marker, 'utf16le') },
  ]);
  const hits: string[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    for (const needle of needles) {
      if (content.includes(needle.bytes)) hits.push(`${file}: ${needle.marker} (${needle.encoding})`);
    }
  }
  return hits;
}
