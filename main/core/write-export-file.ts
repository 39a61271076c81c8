import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from './errors';

/**
 * Writes an export (briefing, filtered queue) readable by the owner only, through a temporary name and a
 * rename, so a half-written export never sits under the real name.
 */
export async function writeExportFile(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    await writeFile(temp, bytes, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new WorkbenchError('INVALID_INPUT', `Cannot write the export to ${path.basename(file)}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}.`, { cause: error });
  }
}
