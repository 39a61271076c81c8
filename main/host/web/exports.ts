import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { isExportFileName } from '../../../preload/contract';

export const EXPORTS_PREFIX = '/api/exports/';

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * `GET /api/exports/NAME`: the browser's stand-in for the desktop save dialog. Only a plain file name the
 * core gave (no folders, no `..`) inside the host's export folder is served, and always as an attachment,
 * so an exported HTML briefing is saved, never rendered in the app's origin.
 */
export async function serveExport(response: ServerResponse, exportFolder: string | undefined, encodedName: string): Promise<number> {
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return 404;
  }
  if (!exportFolder || !isExportFileName(name)) return 404;
  const root = await fs.realpath(exportFolder).catch(() => undefined);
  if (!root) return 404;
  const file = path.join(root, name);
  const real = await fs.realpath(file).catch(() => undefined);
  if (real !== file) return 404;
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return 404;
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
    'Content-Disposition': `attachment; filename="${name}"`,
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
  return 200;
}
