import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExportFileName } from '../../../preload/contract';
import { bundleFileName } from '../../core/bundles';
import type { CoreClient } from '../core-client';
import { startWebServer, type WebServer } from './server';

const TOKEN = 'b'.repeat(64);
const BUNDLE_ID = 'bundle--0b7e1c52-3f7a-5d2e-9c41-6a8f2d1e4b90';
const SIGNED = bundleFileName(BUNDLE_ID, false);
const PLAIN = bundleFileName(BUNDLE_ID, true);
const core: CoreClient = {
  grant: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'unused' } }),
  invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'unused' } }),
  onEvent: () => () => undefined,
  close: async () => {},
};

function get(server: WebServer, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path: urlPath, headers: { host: new URL(server.origin).host, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}

let base: string;
let server: WebServer;
let cookie: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'liaison-exports-test-'));
  const exportFolder = path.join(base, 'exports');
  await mkdir(exportFolder);
  await writeFile(path.join(exportFolder, 'briefing-7-v2.html'), '<!doctype html><p>TLP:AMBER</p>');
  await writeFile(path.join(exportFolder, SIGNED), Buffer.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]));
  await writeFile(path.join(exportFolder, PLAIN), JSON.stringify({ type: 'bundle', id: BUNDLE_ID, objects: [] }));
  await writeFile(path.join(base, 'vault.key'), 'secret');
  await symlink(path.join(base, 'vault.key'), path.join(exportFolder, 'escape.html'));
  server = await startWebServer({ core, token: TOKEN, staticRoot: base, exportFolder });
  // The launch code is traded once for a session cookie (the code itself is not a cookie), as the browser does.
  const launch = await get(server, `/?token=${TOKEN}`);
  cookie = String((launch.headers['set-cookie'] as string[] | undefined)?.[0]).split(';')[0]!;
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

describe('GET /api/exports/NAME', () => {
  it('serves an export by name as an attachment, never as a page of the app', async () => {
    const response = await get(server, '/api/exports/briefing-7-v2.html', { cookie, 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="briefing-7-v2.html"');
    expect(response.body).toContain('TLP:AMBER');
  });

  it('serves the bundles the core names in the folder: a signed bundle as bytes, a plain one as JSON', async () => {
    expect([SIGNED, PLAIN]).toEqual(['bundle-0b7e1c52-3f7a-5d2e-9c41-6a8f2d1e4b90.liaison', 'bundle-0b7e1c52-3f7a-5d2e-9c41-6a8f2d1e4b90.stix.json']);
    const signed = await get(server, `/api/exports/${SIGNED}`, { cookie, 'sec-fetch-site': 'same-origin' });
    expect(signed.status).toBe(200);
    expect(signed.headers['content-type']).toBe('application/octet-stream');
    expect(signed.headers['content-disposition']).toBe(`attachment; filename="${SIGNED}"`);
    const plain = await get(server, `/api/exports/${PLAIN}`, { cookie, 'sec-fetch-site': 'same-origin' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-disposition']).toBe(`attachment; filename="${PLAIN}"`);
    expect(JSON.parse(plain.body)).toMatchObject({ id: BUNDLE_ID });
  });

  it('accepts the names the core gives bundles and still no folders, dot-dot, spaces or hidden files', () => {
    expect(isExportFileName(SIGNED) && isExportFileName(PLAIN)).toBe(true);
    for (const name of [`../${SIGNED}`, `exports/${SIGNED}`, `bundle-..-x.liaison`, 'to bob.liaison', `.${SIGNED}`, `${SIGNED}\u0000.pdf`, '']) {
      expect(isExportFileName(name), name).toBe(false);
    }
  });

  it('serves nothing outside the folder, nothing without the session cookie, nothing to another site', async () => {
    const refused = async (urlPath: string, headers: Record<string, string> = { cookie }) => (await get(server, urlPath, headers)).status;
    expect(await refused('/api/exports/..%2Fvault.key')).toBe(404);
    expect(await refused('/api/exports/escape.html')).toBe(404);
    expect(await refused('/api/exports/missing.pdf')).toBe(404);
    expect(await refused('/api/exports/briefing-7-v2.html', {})).toBe(401);
    expect(await refused('/api/exports/briefing-7-v2.html', { cookie, 'sec-fetch-site': 'cross-site' })).toBe(403);
  });
});
