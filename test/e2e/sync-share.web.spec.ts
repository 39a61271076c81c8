import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { BriefingsPage } from './pages/briefings-page';
import { QueuePage } from './pages/queue-page';
import { SyncScreen } from './pages/sync-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const PASSPHRASE = 'ferry lantern quorum basalt';
const ROOT = path.resolve(import.meta.dirname, '../..');
const HUB = { user: 'ana', password: 'hub password for e2e' };
const SHARED = DEFAULT_COLLECTIONS[0]!.id;
const VALUES = ['harbour-relay.top', 'quorum-cdn.top'];
const TITLE = 'Harbour relay campaign';
const run = promisify(execFile);
/** The app polls for other processes' commits every 750 ms; the margin is for a loaded machine. */
const CHANGE_SEEN_MS = 10_000;

let server: TaxiiTestServer;
test.beforeEach(async () => {
  server = await startTaxiiServer({ users: [{ basic: HUB }] });
});
test.afterEach(async () => {
  await server.close();
});

/** The CLI beside the running host, as an analyst's script would use it. */
async function cli<T>(vaultDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/liaison.mjs'), ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_VAULT: vaultDir, LIAISON_PASSPHRASE: PASSPHRASE, HUB_PASSWORD: HUB.password },
  });
  return JSON.parse(stdout) as T;
}

test('share queue indicators and publish a briefing to a TAXII hub; Sync now sends them', async ({ page, webHost }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await expect(workspace.nav).toBeVisible({ timeout: 30_000 });

  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-share-')), 'report.txt');
  fs.writeFileSync(report, `${VALUES.join('\n')}\n`);
  await cli(webHost.vaultDir, ['import', report, '--tlp', 'green']);
  await cli(webHost.vaultDir, ['sync', 'add', 'hub', '--url', server.discoveryUrl, '--collection', SHARED, '--user', HUB.user, '--password-env', 'HUB_PASSWORD', '--tlp-max', 'amber']);
  const briefing = await cli<{ id: number }>(webHost.vaultDir, ['briefing', 'create', '--title', TITLE, '--tlp', 'green', '--summary', 'Relay domains seen this week.']);
  await cli(webHost.vaultDir, ['briefing', 'attach', String(briefing.id), `domain:${VALUES[1]}`]);
  for (const status of ['in-review', 'approved']) await cli(webHost.vaultDir, ['briefing', 'status', String(briefing.id), status]);

  // Queue: select one indicator and share it from the selection line.
  const queue = new QueuePage(page);
  await expect(queue.count).toContainText('2 indicators', { timeout: CHANGE_SEEN_MS });
  await queue.open(VALUES[0]!);
  await queue.focusList();
  await page.keyboard.press('x');
  await expect(queue.count).toContainText('1 selected');
  await page.getByRole('button', { name: 'Share to hub…' }).click();
  const share = page.getByRole('dialog', { name: 'Share 1 indicator to hub' });
  await expect(share.getByRole('checkbox', { name: /hub/ })).toBeChecked();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await share.getByRole('button', { name: 'Share' }).click();
  await expect(share.getByRole('table', { name: 'Queued per profile' }).getByRole('row', { name: /hub/ }).getByRole('cell')).toHaveText(['1', '0']);
  await share.getByRole('button', { name: 'Close' }).click();

  await workspace.open('Sync');
  const sync = new SyncScreen(page);
  const hubRow = sync.servers.getByRole('row').nth(1);
  await expect(hubRow.getByRole('cell').nth(1)).toHaveText('1');

  // Briefings: publish the approved briefing to the hub; it is queued beside the shared indicator.
  await workspace.open('Briefings');
  const briefings = new BriefingsPage(page);
  await briefings.open(TITLE);
  await page.getByRole('button', { name: 'Publish to sync…' }).click();
  const publish = briefings.dialog('Publish briefing');
  await expect(publish.getByRole('checkbox', { name: /hub/ })).toBeChecked();
  await publish.getByRole('button', { name: 'Publish' }).click();
  const queued = publish.getByRole('table', { name: 'Queued per profile' }).getByRole('row', { name: /hub/ }).getByRole('cell');
  await expect(queued.nth(1)).toHaveText('0');
  const objects = Number(await queued.first().textContent());
  expect(objects).toBeGreaterThanOrEqual(3);
  await publish.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('note')).toContainText('Published: this briefing is final');

  await workspace.open('Sync');
  await expect(hubRow.getByRole('cell').nth(1)).toHaveText(String(1 + objects));
  await sync.syncNow.click();
  await sync.expectFinished(new RegExp(`0 received, ${1 + objects} sent\\.$`));
  await expect(hubRow.getByRole('cell').nth(1)).toHaveText('0');
  const sent = server.collection(SHARED).versions.map((v) => v.object);
  expect(sent.filter((o) => o.type === 'report').map((o) => o.name)).toEqual([TITLE]);
  const patterns = sent.filter((o) => o.type === 'indicator').map((o) => String(o.pattern));
  expect(patterns.some((p) => p.includes(VALUES[0]!))).toBe(true);
  expect(patterns.some((p) => p.includes(VALUES[1]!))).toBe(true);
});
