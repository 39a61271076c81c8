import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreClient } from '../core-client';
import { cookieName } from './security';
import { startWebServer, type WebServer } from './server';

const TOKEN = 'b'.repeat(64);
const core: CoreClient = {
  grant: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'unused' } }),
  invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'unused' } }),
  onEvent: () => () => undefined,
  close: async () => {},
};

function get(server: WebServer, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path: urlPath, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (response) => {
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
  await writeFile(path.join(base, 'vault.key'), 'secret');
  await symlink(path.join(base, 'vault.key'), path.join(exportFolder, 'escape.html'));
  server = await startWebServer({ core, token: TOKEN, staticRoot: base, exportFolder });
  cookie = `${cookieName(server.port)}=${TOKEN}`;
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

  it('serves nothing outside the folder, nothing without the session cookie, nothing to another site', async () => {
    const refused = async (urlPath: string, headers: Record<string, string> = { cookie }) => (await get(server, urlPath, headers)).status;
    expect(await refused('/api/exports/..%2Fvault.key')).toBe(404);
    expect(await refused('/api/exports/escape.html')).toBe(404);
    expect(await refused('/api/exports/missing.pdf')).toBe(404);
    expect(await refused('/api/exports/briefing-7-v2.html', {})).toBe(401);
    expect(await refused('/api/exports/briefing-7-v2.html', { cookie, 'sec-fetch-site': 'cross-site' })).toBe(403);
  });
});
