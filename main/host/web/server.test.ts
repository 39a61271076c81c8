import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiaisonEvent, Result } from '../../../preload/contract';
import type { GrantedFile } from '../../core/session';
import type { CoreClient } from '../core-client';
import { cookieName } from './security';
import { startWebServer, type WebServer } from './server';

const TOKEN = 'a'.repeat(64);

function createFakeCore() {
  const listeners = new Set<(event: LiaisonEvent) => void>();
  const calls: Array<{ channel: string; payload: unknown }> = [];
  const grants: GrantedFile[][] = [];
  const core: CoreClient = {
    async grant(files) {
      grants.push(files);
      return { ok: true, value: { grantId: 'g1', files: files.map((file) => ({ name: file.name, size: file.kind === 'bytes' ? file.bytes.length : file.size })) } };
    },
    async invoke(channel, payload): Promise<Result<unknown>> {
      calls.push({ channel, payload });
      return { ok: true, value: { state: 'locked', location: '/vault' } };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
  return { core, calls, grants, listeners, emit: (event: LiaisonEvent) => listeners.forEach((listener) => listener(event)) };
}

/** node:http rather than fetch: fetch forbids setting Host, which the rebinding tests must forge. */
function send(
  server: WebServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { host: new URL(server.origin).host, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

let root: string;
let server: WebServer;
let fake: ReturnType<typeof createFakeCore>;
let cookie: string;
/** The session's API key, as the page gets it (meta tag); never the launch code. */
let apiKey: string;
/** What the first exchange of the launch code answered. */
let launch: Awaited<ReturnType<typeof send>>;

const api = (channel: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  send(server, {
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: { cookie, 'content-type': 'application/json', 'x-liaison-token': apiKey, ...headers },
    body,
  });

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'liaison-web-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  fake = createFakeCore();
  server = await startWebServer({ core: fake.core, token: TOKEN, staticRoot: root, keepAliveMs: 50, hostId: 'a1b2c3' });
  launch = await send(server, { path: `/?token=${TOKEN}` });
  cookie = String(launch.headers['set-cookie']?.[0]).split(';')[0]!;
  apiKey = /<meta name="liaison-token" content="([0-9a-f]{64})"/.exec((await send(server, { path: '/', headers: { cookie } })).body)?.[1] ?? '';
});

afterAll(async () => {
  await server.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('web host: authentication', () => {
  // Issue #15 item 4: the cookie value was the long-lived token, sent by browsers to every port of
  // 127.0.0.1, and the ?token= URL stayed usable from the browser's history.
  it('serves http://<id>.localhost:PORT and trades the launch code once for a session cookie that is not the code', async () => {
    expect(server.origin).toBe(`http://a1b2c3.localhost:${server.port}`);
    expect(server.launchUrl).toBe(`${server.origin}/?token=${TOKEN}`);
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe('/');
    expect(launch.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${cookieName(server.port)}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(TOKEN);
    expect(apiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKey).not.toBe(TOKEN);
    const again = await send(server, { path: `/?token=${TOKEN}` });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('refuses 127.0.0.1 and localhost, where the cookie of another local service could be replayed', async () => {
    expect((await send(server, { path: '/', headers: { cookie, host: `127.0.0.1:${server.port}` } })).status).toBe(403);
    expect((await send(server, { path: '/', headers: { cookie, host: `localhost:${server.port}` } })).status).toBe(403);
    expect((await send(server, { path: '/', headers: { cookie, host: `other.localhost:${server.port}` } })).status).toBe(403);
  });

  it('rejects a wrong launch token without setting a cookie', async () => {
    const response = await send(server, { path: `/?token=${'b'.repeat(64)}` });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toBe('');
  });

  it('requires the cookie for pages and events', async () => {
    expect((await send(server, { path: '/' })).status).toBe(401);
    expect((await send(server, { path: '/api/events' })).status).toBe(401);
    expect((await send(server, { path: '/', headers: { cookie: `${cookieName(server.port)}=${'c'.repeat(64)}` } })).status).toBe(401);
    expect((await send(server, { path: '/', headers: { cookie: `${cookieName(server.port)}=${TOKEN}` } })).status).toBe(401);
  });

  it('requires the token header as well as the cookie for API calls', async () => {
    const withoutHeader = await send(server, {
      method: 'POST',
      path: '/api/invoke/vault:status',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(withoutHeader.status).toBe(403);
    expect((await api('vault:status', '{}', { 'x-liaison-token': 'nope' })).status).toBe(403);
    expect((await api('vault:status', '{}', { 'x-liaison-token': TOKEN })).status).toBe(403);
    const withoutCookie = await send(server, {
      method: 'POST',
      path: '/api/invoke/vault:status',
      headers: { 'content-type': 'application/json', 'x-liaison-token': apiKey },
      body: '{}',
    });
    expect(withoutCookie.status).toBe(401);
  });
});

describe('web host: origin checks', () => {
  it('rejects a foreign Host (DNS rebinding)', async () => {
    const response = await send(server, { path: '/', headers: { cookie, host: `attacker.example:${server.port}` } });
    expect(response.status).toBe(403);
    expect((await send(server, { path: '/', headers: { cookie, host: '127.0.0.1:1' } })).status).toBe(403);
  });

  it('rejects a foreign Origin, even with valid credentials', async () => {
    expect((await api('vault:status', '{}', { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await api('vault:status', '{}', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('vault:status', '{}', { origin: `http://127.0.0.1:${server.port}` })).status).toBe(403);
    expect((await api('vault:status', '{}', { origin: server.origin })).status).toBe(200);
  });

  it('rejects API calls from another site by fetch metadata', async () => {
    expect((await api('vault:status', '{}', { 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });
});

describe('web host: static files', () => {
  it('serves index.html with the session API key meta and the bridge before the app script, with security headers', async () => {
    const response = await send(server, { path: '/', headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(new RegExp(`<meta name="liaison-token" content="${apiKey}" />\\s*<script src="./web-bridge.js"></script>\\s*<script type="module"`));
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their content type', async () => {
    const response = await send(server, { path: '/assets/app.js', headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/link.txt', '/%00', '/%E0%A4%A', '/missing.js', '/assets'])(
    'answers 404 for %s',
    async (target) => {
      expect((await send(server, { path: target, headers: { cookie } })).status).toBe(404);
    },
  );

  it('refuses other methods', async () => {
    expect((await send(server, { method: 'DELETE', path: '/', headers: { cookie } })).status).toBe(405);
  });
});

describe('web host: invoke', () => {
  it('validates and forwards a request, answering with the Result', async () => {
    const response = await api('vault:unlock', JSON.stringify({ passphrase: 'correct horse' }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { state: 'locked', location: '/vault' } });
    expect(fake.calls.at(-1)).toEqual({ channel: 'vault:unlock', payload: { passphrase: 'correct horse' } });
  });

  it('answers INVALID_INPUT for a payload the contract rejects, without calling the core', async () => {
    const before = fake.calls.length;
    const response = await api('vault:unlock', JSON.stringify({ passphrase: 42, extra: true }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fake.calls.length).toBe(before);
  });

  it('answers INVALID_INPUT for malformed JSON', async () => {
    const response = await api('settings:update', '{"autoLockMinutes":');
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers 404 for a channel the contract does not declare', async () => {
    expect((await api('vault:destroy', '{}')).status).toBe(404);
    expect((await api('__proto__', '{}')).status).toBe(404);
  });

  it('answers 415 unless the body is JSON', async () => {
    expect((await api('vault:status', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({ passphrase: 'x'.repeat(1024 * 1024) });
    expect((await api('vault:unlock', big)).status).toBe(413);
  });

  it('answers 413 for an oversized chunked body', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    expect((await api('vault:status', big, { 'transfer-encoding': 'chunked' })).status).toBe(413);
  });

  it('only accepts POST', async () => {
    expect((await send(server, { path: '/api/invoke/vault:status', headers: { cookie, 'x-liaison-token': apiKey } })).status).toBe(405);
  });
});

describe('web host: uploads', () => {
  const upload = (manifest: unknown, body: Buffer, headers: Record<string, string> = {}) =>
    send(server, {
      method: 'POST',
      path: '/api/files',
      headers: {
        cookie,
        'x-liaison-token': apiKey,
        'content-type': 'application/octet-stream',
        'x-liaison-files': encodeURIComponent(JSON.stringify(manifest)),
        ...headers,
      },
      body,
    });

  it('splits the body into the files of one grant, each with its own buffer', async () => {
    const response = await upload([{ name: 'a.csv', size: 3 }, { name: 'empty.txt', size: 0 }, { name: 'b.json', size: 2 }], Buffer.from('abc{}'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { grantId: 'g1' } });
    const files = fake.grants.at(-1)!;
    expect(files.map((file) => (file.kind === 'bytes' ? [file.name, Buffer.from(file.bytes).toString()] : []))).toEqual([
      ['a.csv', 'abc'],
      ['empty.txt', ''],
      ['b.json', '{}'],
    ]);
    const buffers = new Set(files.map((file) => (file.kind === 'bytes' ? file.bytes.buffer : undefined)));
    expect(buffers.size).toBe(3);
  });

  it('rejects a body that does not match the manifest', async () => {
    const short = await upload([{ name: 'a.csv', size: 5 }], Buffer.from('abc'));
    expect(JSON.parse(short.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const long = await upload([{ name: 'a.csv', size: 2 }], Buffer.from('abc'), { 'transfer-encoding': 'chunked' });
    expect(JSON.parse(long.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([[[]], [[{ name: '../etc/passwd', size: 1 }]], [[{ name: 'a', size: -1 }]], ['nope']])('rejects the manifest %j', async (manifest) => {
    expect((await upload(manifest, Buffer.from('x'))).status).toBe(400);
  });

  it('answers 413 beyond the upload limit without reading the body', async () => {
    expect((await upload([{ name: 'huge.json', size: 257 * 1024 * 1024 }], Buffer.from('x'))).status).toBe(413);
  });

  // Issue #15 item 10: the handler allocated every declared size before reading a byte, so a request
  // claiming 200 MB and sending 3 bytes held 200 MB for as long as it stayed open.
  it('holds only the bytes received, not the sizes claimed, while an upload is in flight', async () => {
    const claimed = 200 * 1024 * 1024;
    const before = process.memoryUsage().arrayBuffers;
    const request = httpRequest({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/api/files',
      headers: {
        host: new URL(server.origin).host,
        cookie,
        'x-liaison-token': apiKey,
        'content-type': 'application/octet-stream',
        'transfer-encoding': 'chunked',
        'x-liaison-files': encodeURIComponent(JSON.stringify([{ name: 'claimed.bin', size: claimed }])),
      },
    });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(Buffer.from('abc'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(claimed / 4);
    request.end();
    expect(await answered).toBe(400);
  });

  it('needs the token header like any other API call', async () => {
    expect((await upload([{ name: 'a', size: 1 }], Buffer.from('x'), { 'x-liaison-token': '' })).status).toBe(403);
  });
});

describe('web host: connections', () => {
  it('caps open connections: one over the cap is closed without an answer', async () => {
    const { createConnection } = await import('node:net');
    const small = await startWebServer({ core: fake.core, token: TOKEN, staticRoot: root, maxConnections: 2 });
    const open = () =>
      new Promise<{ closedEarly: Promise<boolean>; end(): void }>((resolve) => {
        const socket = createConnection(small.port, '127.0.0.1', () =>
          resolve({
            closedEarly: new Promise((done) => {
              socket.once('close', () => done(true));
              setTimeout(() => done(false), 300);
            }),
            end: () => socket.destroy(),
          }),
        );
      });
    try {
      const sockets = [await open(), await open(), await open()];
      expect(await Promise.all(sockets.map((s) => s.closedEarly))).toEqual([false, false, true]);
      sockets.forEach((s) => s.end());
    } finally {
      await small.close();
    }
  });
});

describe('web host: events', () => {
  it('streams core events and keep-alive comments', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: new URL(server.origin).host, cookie } },
        (response) => {
          expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let received = '';
          response.on('data', (chunk: Buffer) => {
            received += chunk.toString('utf8');
            if (received.includes(': connected') && !received.includes('data:')) fake.emit({ type: 'vault:locked', reason: 'idle' });
            if (received.includes('data:') && received.includes(': keep-alive')) {
              request.destroy();
              resolve(received);
            }
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(text).toContain('data: {"type":"vault:locked","reason":"idle"}\n\n');
    await expect.poll(() => fake.listeners.size).toBe(0);
  });
});
