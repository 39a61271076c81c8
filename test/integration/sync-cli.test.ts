import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiaison } from '../helpers/cli-process';
import { findMarkers, listFiles } from '../helpers/plaintext-scan';
import { tempDirs } from '../helpers/temp-dirs';
import { SHARED } from '../helpers/sync-harness';
import { startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const dirs = tempDirs('liaison-sync-cli-');
const PASSWORD = 'LWMARK-hub-secret-5f3a9c';
let server: TaxiiTestServer;
let home: string;
const env = (extra: Record<string, string> = {}) => ({ HOME: home, LIAISON_VAULT: path.join(home, 'vault'), LIAISON_PASSPHRASE: 'sync cli passphrase', LIAISON_ANALYST: 'ana', ...extra });

beforeAll(async () => {
  server = await startTaxiiServer({ users: [{ basic: { user: 'ana', password: PASSWORD } }] });
  home = dirs.make();
  expect((await runLiaison(['vault', 'init'], env())).code).toBe(0);
  fs.writeFileSync(path.join(home, 'report.txt'), '198.51.100.23\nlantern-update.top\n');
  expect((await runLiaison(['import', path.join(home, 'report.txt'), '--tlp', 'green'], env())).code).toBe(0);
});
afterAll(async () => {
  await server.close();
  dirs.cleanup();
});

/** `liaison sync …` spawned as shipped, against the in-process test server. */
describe('liaison sync', () => {
  it('adds a profile with the password from an environment variable, never printing or storing it in plain text', async () => {
    const add = await runLiaison(['sync', 'add', 'hub', '--url', server.discoveryUrl, '--collection', SHARED, '--user', 'ana', '--password-env', 'HUB_PASSWORD', '--tlp-max', 'amber'], env({ HUB_PASSWORD: PASSWORD }));
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toBe('Added sync profile hub (basic, TLP ceiling AMBER).\n');
    const list = await runLiaison(['sync', 'list', '--json'], env());
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'hub', auth: 'basic', user: 'ana', tlpMax: 'amber' }]);
    const audit = await runLiaison(['audit', 'list', '--limit', '50'], env());
    expect(`${list.stdout}${audit.stdout}`).not.toContain(PASSWORD);
    expect(findMarkers(listFiles(home), [PASSWORD])).toEqual([]);
    const missing = await runLiaison(['sync', 'add', 'hub2', '--url', server.discoveryUrl, '--collection', SHARED, '--token-env', 'NOPE'], env());
    expect(missing).toMatchObject({ code: 1, stderr: 'liaison: the environment variable NOPE is not set or empty\n' });
    const fileUrl = await runLiaison(['sync', 'add', 'hub3', '--url', 'file:///etc/', '--collection', SHARED], env());
    expect(fileUrl).toMatchObject({ code: 1, stderr: 'liaison: the discovery URL must start with http:// or https://, not file:\n' });
  });

  it('tests the connection, shares, runs and reports status', async () => {
    const test = await runLiaison(['sync', 'test', 'hub'], env());
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(new RegExp(`^Can write ${SHARED}\\s+yes$`, 'm'));
    const share = await runLiaison(['sync', 'share', 'ipv4:198.51.100.23', 'domain:lantern-update[.]top', '--json'], env());
    expect(JSON.parse(share.stdout)).toMatchObject({ queued: 2, unchanged: 0, aboveCeiling: 0, profiles: ['hub'] });
    const run = await runLiaison(['sync', 'run', '--json'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ profile: 'hub', ok: true, pushed: { accepted: 2, failed: 0 } }]);
    expect(server.collection(SHARED).versions).toHaveLength(2);
    const status = await runLiaison(['sync', 'status', '--json'], env());
    expect(JSON.parse(status.stdout)).toMatchObject([{ profile: 'hub', queued: 0, accepted: 2, failed: 0, conflicts: 0, lastError: null }]);
    expect(JSON.parse(status.stdout)[0].lastSuccessAt).toMatch(/Z$/);
  });

  it('says in words why a run failed, and exits 1', async () => {
    expect((await runLiaison(['sync', 'add', 'stale', '--url', server.discoveryUrl, '--collection', SHARED, '--user', 'ana', '--password-env', 'OLD'], env({ OLD: 'an old password' }))).code).toBe(0);
    const run = await runLiaison(['sync', 'run', 'stale'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^liaison: 1 of 1 profile\(s\) did not complete: stale: http:\/\/127\.0\.0\.1:\d+\/taxii2\/ answered 401 \(the user name, password or token is wrong or missing\): "Unauthorized: The credentials are missing or wrong\."\n$/);
  });
});
