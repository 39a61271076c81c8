import type { Page, TestInfo } from '@playwright/test';
import type { LiaisonApi } from '../../preload/contract';
import { expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';
import { CreateVaultPage, UnlockPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'orbit velvet harbour minnow cactus';

async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test('create a vault, lock it, reject a wrong passphrase, unlock with the right one', async ({ page, webHost }, testInfo) => {
  await page.goto(webHost.url);
  // The one-time launch code is traded for a session cookie and removed from the address bar; the page is
  // served at this host's own <id>.localhost name, never 127.0.0.1, whose cookies every local port receives.
  await expect(page).toHaveURL(`${webHost.origin}/`);
  expect(new URL(webHost.origin).hostname).toMatch(/^[0-9a-f]{20}\.localhost$/);

  const create = new CreateVaultPage(page);
  await expect(create.heading).toBeVisible();
  await create.passphrase.fill('short');
  await expect(create.strengthHint).toContainText('Too short');
  await create.passphrase.fill(PASSPHRASE);
  await expect(create.strengthHint).toContainText('strong');
  await snapshot(page, testInfo, 'create-vault');
  await create.create(PASSPHRASE);

  const workspace = new WorkspacePage(page);
  await workspace.expectVisible();
  await expect(page.getByText('Indicators you import appear here for triage')).toBeVisible();

  await workspace.lock();
  const unlock = new UnlockPage(page);
  await expect(unlock.heading).toBeVisible();

  await unlock.unlock('not the passphrase');
  await expect(unlock.error).toHaveText('Wrong passphrase');
  await expect(unlock.heading).toBeVisible();
  await snapshot(page, testInfo, 'wrong-passphrase');

  await unlock.unlock(PASSPHRASE);
  await workspace.expectVisible();
  await snapshot(page, testInfo, 'workspace');
});

test('Ctrl+L locks the vault from the workspace', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await workspace.expectVisible();

  await page.keyboard.press('Control+L');

  const unlock = new UnlockPage(page);
  await expect(unlock.heading).toBeVisible();
  await expect(unlock.notice).toHaveText('Locked');
  await expect(workspace.nav).toHaveCount(0);
});

test('settings show the vault and save the auto-lock minutes', async ({ page, webHost }, testInfo) => {
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await workspace.open('Settings');

  const settings = new SettingsPage(page);
  await expect(settings.autoLockMinutes).toHaveValue('15');
  await expect(settings.vaultFacts).toContainText(webHost.vaultDir);
  await settings.setAutoLock(5);

  await workspace.open('Queue');
  await workspace.open('Settings');
  await expect(settings.autoLockMinutes).toHaveValue('5');

  await expect(settings.auditLog).toContainText('settings');
  // The workspace scrolls inside its main pane, so a taller window shows the whole page.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await snapshot(page, testInfo, 'settings');
});

test('changing the passphrase: the new one unlocks, the old one no longer does', async ({ page, webHost }) => {
  const next = 'lantern quarry mosaic tundra violet';
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await workspace.open('Settings');

  const settings = new SettingsPage(page);
  await settings.changePassphrase('wrong current passphrase', next);
  await expect(page.getByRole('alert')).toHaveText('The current passphrase is wrong');
  await settings.changePassphrase(PASSPHRASE, next);
  await expect(page.getByRole('status').filter({ hasText: 'Passphrase changed' })).toBeVisible();

  await workspace.lock();
  const unlock = new UnlockPage(page);
  await unlock.unlock(PASSPHRASE);
  await expect(unlock.error).toHaveText('Wrong passphrase');
  await unlock.unlock(next);
  await workspace.expectVisible();
});

test('the web bridge uploads chosen files as a single-use grant', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  await new WorkspacePage(page).expectVisible();

  const grant = await page.evaluate(async () => {
    const files = [new File(['198.51.100.7\n'], 'iocs.txt'), new File(['{}'], 'bundle.json')];
    return (globalThis as unknown as { liaison: LiaisonApi }).liaison.files.grant(files);
  });
  expect(grant).toMatchObject({ ok: true, value: { files: [{ name: 'iocs.txt', size: 13 }, { name: 'bundle.json', size: 2 }] } });
});

test('the API refuses calls without the token', async ({ page, webHost, playwright }) => {
  await page.goto(webHost.url);
  await expect(new CreateVaultPage(page).heading).toBeVisible();

  // From the page itself (cookie sent), but without the X-Liaison-Token header: forbidden.
  const fromPage = await page.evaluate(async () => {
    const response = await fetch('/api/invoke/vault:status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: response.status, body: await response.text() };
  });
  expect(fromPage).toEqual({ status: 403, body: '' });

  // From outside the browser, at 127.0.0.1 (the name other local services share): refused.
  const outsider = await playwright.request.newContext();
  const fromNode = await outsider.post(`http://127.0.0.1:${webHost.port}/api/invoke/vault:status`, {
    headers: { 'Content-Type': 'application/json', 'X-Liaison-Token': 'guess' },
    data: {},
  });
  expect(fromNode.status()).toBe(403);
  expect((await outsider.get(`http://127.0.0.1:${webHost.port}/`)).status()).toBe(403);
  await outsider.dispose();

  // The launch URL is spent: opened again (from history, say) it opens nothing.
  const again = await page.evaluate((url) => fetch(url, { redirect: 'manual' }).then((response) => response.status), webHost.url);
  expect(again).toBe(401);
});
