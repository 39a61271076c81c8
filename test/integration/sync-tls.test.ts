import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../main/core/sync';
import { tempDirs } from '../helpers/temp-dirs';
import { SHARED } from '../helpers/sync-harness';
import { startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const dirs = tempDirs('liaison-sync-tls-');
let server: TaxiiTestServer | undefined;
let caPem = '';
let otherCaPem = '';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A private CA and a server certificate it signs for 127.0.0.1, as a hub run by an agency would have. */
function makePki(dir: string): { ca: string; key: string; cert: string; otherCa: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ext = path.join(dir, 'san.ext');
  fs.writeFileSync(ext, 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Liaison Test Hub CA');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', ext);
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Some Other CA');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem'), otherCa: read('other.pem') };
}

const openssl = hasOpenssl();
if (!openssl) process.stderr.write('sync-tls.test: skipped, openssl is not installed (Node cannot issue X.509 certificates by itself)\n');

describe.skipIf(!openssl)('sync over TLS with a custom CA', () => {
  beforeAll(async () => {
    const pki = makePki(dirs.make());
    caPem = pki.ca;
    otherCaPem = pki.otherCa;
    server = await startTaxiiServer({ tls: { key: pki.key, cert: pki.cert } });
  });
  afterAll(async () => {
    await server?.close();
    dirs.cleanup();
  });

  const target = (ca?: string) => ({ discoveryUrl: server!.discoveryUrl, pushCollection: SHARED, pullCollections: [SHARED], credentials: { kind: 'none' as const }, ...(ca ? { caPem: ca } : {}) });

  it('connects when the profile trusts the hub CA', async () => {
    expect(server!.origin).toMatch(/^https:/);
    const report = await testConnection(target(caPem));
    expect(report).toMatchObject({ ok: true, push: { canWrite: true }, apiRoot: { url: server!.apiRootUrl } });
  });

  it('refuses the hub without its CA, or with another CA, and says what to do', async () => {
    for (const ca of [undefined, otherCaPem]) {
      const report = await testConnection(target(ca));
      expect(report.ok).toBe(false);
      expect(report.error).toMatch(/^Cannot reach the TAXII server: 127\.0\.0\.1:\d+('s certificate chain ends in an untrusted CA| presented a self-signed certificate|'s certificate cannot be verified); give (it|its CA) with --ca-file\.$/);
    }
  });
});
