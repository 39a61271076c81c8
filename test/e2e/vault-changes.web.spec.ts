import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'harbour pylon thistle quartz';
const ROOT = path.resolve(import.meta.dirname, '../..');
/** 36 indicators: 12 domains, 8 addresses, 6 URLs, 6 SHA-256, 4 e-mail addresses. */
const FEED = path.join(ROOT, 'test/fixtures/e2e/triage-feed.csv');
const run = promisify(execFile);
/** The app polls every 750 ms; the margin is for a loaded test machine, not the app. */
const CHANGE_SEEN_MS = 10_000;

/** The CLI opens the vault beside the running host, as an analyst's script would. */
async function cli<T>(vaultDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/liaison.mjs'), ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_VAULT: vaultDir, LIAISON_PASSPHRASE: PASSPHRASE },
  });
  return JSON.parse(stdout) as T;
}

// Issue #14: the open app kept showing an empty queue after `liaison import` filled the vault.
test('the open app shows what the CLI commits: imported rows appear, a triage change shows, the dialog stays', async ({ page, webHost }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  // Creating the vault runs the real KDF, which a loaded machine takes a while over.
  await expect(workspace.nav).toBeVisible({ timeout: 30_000 });
  const queue = new QueuePage(page);
  await expect(queue.emptyState).toBeVisible();

  const summary = await cli<{ indicators_new: number }>(webHost.vaultDir, ['import', FEED]);
  expect(summary.indicators_new).toBe(36);
  // No reload: the app notices the other process's commit within a second or two.
  await expect(queue.count).toContainText('36 indicators', { timeout: CHANGE_SEEN_MS });
  await expect(queue.rows.first()).toBeVisible();

  const [domain] = await cli<{ id: number; value: string }[]>(webHost.vaultDir, ['indicators', 'list', '--type', 'domain', '--limit', '1']);
  await queue.open(domain!.value);
  await expect(queue.detail).toContainText(/Status\s*New/);
  await page.getByRole('button', { name: /^Shortcuts/ }).click();
  await expect(queue.dialog).toBeVisible();

  await cli(webHost.vaultDir, ['triage', String(domain!.id), '--status', 'malicious']);
  await expect(queue.rowById(domain!.id).locator('.status-chip')).toHaveClass(/status-malicious/, { timeout: CHANGE_SEEN_MS });
  // The analyst's place is kept: the dialog is still open and the detail pane shows the same indicator, updated.
  await expect(queue.dialog).toBeVisible();
  await expect(queue.detail.getByRole('heading', { name: domain!.value })).toBeVisible();
  await expect(queue.detail).toContainText(/Status\s*Malicious/, { timeout: CHANGE_SEEN_MS });

  await page.keyboard.press('Escape');
  await expect(queue.dialog).toHaveCount(0);
  await workspace.open('Overview');
  await expect(page.getByText('36 indicators in the vault')).toBeVisible();
  await cli(webHost.vaultDir, ['import', path.join(ROOT, 'test/fixtures/ingest/csv/vendor-feed.csv')]);
  await expect(page.getByText(/^(?!36 )\d+ indicators in the vault$/)).toBeVisible({ timeout: CHANGE_SEEN_MS });
});
