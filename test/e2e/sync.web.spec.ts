import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { importPaths } from '../../main/core/ingest/import/import-job';
import { addSyncProfile, runSync, shareIndicators } from '../../main/core/sync';
import { indexImportedIndicators, updateIndicatorTriage } from '../../main/core/triage';
import { createVault, unlockVault, type Vault } from '../../main/core/vault';
import { expect, test } from './fixtures';
import { SyncScreen } from './pages/sync-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';
import { DEFAULT_COLLECTIONS, startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const PASSPHRASE = 'harbour signal walnut prism lantern';
const HUB = { user: 'ana', password: 'hub password for e2e' };
const SHARED = DEFAULT_COLLECTIONS[0]!.id;
const VALUE = 'lantern-relay.top';

let server: TaxiiTestServer;
test.beforeEach(async () => {
  server = await startTaxiiServer({ users: [{ basic: HUB }] });
});
test.afterEach(async () => {
  await server.close();
});

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Opens the web host's vault beside it (WAL), as a script of the analyst's would, and closes it again. */
async function withVault<T>(dir: string, work: (vault: Vault) => Promise<T> | T): Promise<T> {
  const vault = await unlockVault(dir, PASSPHRASE, { actor: 'ana' });
  try {
    return await work(vault);
  } finally {
    vault.close();
  }
}

const idOf = (vault: Vault, value: string) => vault.db.prepare('SELECT id FROM indicators WHERE value = ?').pluck().get(value) as number;

test('add a TAXII server with Test connection, publish, and resolve a conflict side by side', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  // The KDF takes seconds on a busy machine.
  await expect(workspace.nav).toBeVisible({ timeout: 30_000 });
  await workspace.open('Sync');
  const sync = new SyncScreen(page);
  await expect(sync.heading).toBeVisible();
  await expect(page.getByText('No TAXII servers yet')).toBeVisible();

  await sync.fillProfile({ name: 'hub', url: server.discoveryUrl, collection: SHARED, ...HUB, tlpMax: 'amber' });
  await sync.testConnection.click();
  await expect(sync.connectionResult).toContainText('Liaison TAXII test server');
  await expect(sync.connectionResult.getByRole('definition').nth(3)).toHaveText('yes');
  await expectNoAxeViolations(page);
  await sync.addServer();
  await expect(sync.servers.getByRole('rowheader')).toContainText('hub');

  // A report is imported and its indicator shared beside the app (the queue's Share to hub: sync-share.web.spec.ts).
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-sync-')), 'report.txt');
  fs.writeFileSync(report, `${VALUE}\n`);
  await withVault(webHost.vaultDir, async (a) => {
    await importPaths(a.db, [report], { format: 'auto', strict: true, actor: 'ana', tlp: 'green', indexing: indexImportedIndicators });
    shareIndicators(a.db, [idOf(a, VALUE)], { actor: 'ana', at: new Date() });
  });
  await sync.syncNow.click();
  await sync.expectFinished(/0 received, 1 sent\.$/);

  // Vault B pulls it, edits it and publishes; then A edits it too before syncing.
  const bDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-sync-b-'));
  const b = await createVault(path.join(bDir, 'vault'), PASSPHRASE, { actor: 'bo' });
  try {
    addSyncProfile(b.db, { name: 'hub', discoveryUrl: server.discoveryUrl, pushCollection: SHARED, credentials: { kind: 'basic', ...HUB }, tlpMax: 'amber' }, { actor: 'bo', at: new Date() });
    await runSync(b.db, { actor: 'bo', force: true });
    updateIndicatorTriage(b.db, { actor: 'bo', at: new Date() }, idOf(b, VALUE), { confidence: 90 });
    shareIndicators(b.db, [idOf(b, VALUE)], { actor: 'bo', at: new Date() });
    expect((await runSync(b.db, { actor: 'bo', force: true }))[0]!.pushed.accepted).toBe(1);
  } finally {
    b.close();
    fs.rmSync(bDir, { recursive: true, force: true });
  }
  await withVault(webHost.vaultDir, (a) => {
    updateIndicatorTriage(a.db, { actor: 'ana', at: new Date() }, idOf(a, VALUE), { confidence: 10 });
    shareIndicators(a.db, [idOf(a, VALUE)], { actor: 'ana', at: new Date() });
  });

  await sync.syncNow.click();
  await sync.expectFinished(/1 received, 0 sent, 1 conflict\(s\) to resolve\.$/);
  const conflict = sync.conflict(VALUE);
  await expect(conflict).toBeVisible();
  const confidence = conflict.getByRole('row', { name: /^confidence/ });
  await expect(confidence.getByRole('cell')).toHaveText(['10', '90']);
  await expectNoAxeViolations(page);

  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect(sync.conflicts).toHaveCount(0);
  await expect(sync.servers.getByRole('row').nth(1).getByRole('cell').nth(4)).toHaveText('0');
});
