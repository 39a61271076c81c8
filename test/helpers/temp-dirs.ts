import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Makes temp folders under os.tmpdir() and removes them all in `cleanup` (call it from afterEach/afterAll). */
export function tempDirs(prefix = 'liaison-test-'): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
