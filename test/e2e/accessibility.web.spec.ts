import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportPanel } from './pages/import-page';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage, UnlockPage } from './pages/vault-access-page';
import { WorkspacePage, type SectionName } from './pages/workspace-page';

/** Issue #17.5: every modal traps focus and returns it; every screen and dialog passes an axe scan. */
const PASSPHRASE = 'lantern quarry otter basalt meridian';

async function feed(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'liaison-e2e-a11y-')), 'feed.csv');
  await writeFile(file, 'indicator,type,tags\nlogin-micros0ft[.]com,domain,phishing\n185.220.101.7,ip-dst,asyncrat\nhttp://pbvzje4[.]top/f15.svg,url,socgholish\n');
  return file;
}

/** No serious or critical WCAG violation on what the page shows now. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** The page's document as far as these checks use it (the e2e project compiles without the DOM library). */
interface PageDocument {
  activeElement: { closest(selector: string): unknown } | null;
  querySelector(selector: string): { closest(selector: string): unknown } | null;
}
/** True when focus is inside the open dialog. */
const focusInDialog = (page: Page) => page.evaluate(() => Boolean((globalThis as unknown as { document: PageDocument }).document.activeElement?.closest('[role="dialog"]')));

async function setUp(page: Page, url: string): Promise<QueuePage> {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(url);
  const create = new CreateVaultPage(page);
  await expect(create.heading).toBeVisible();
  await expectAccessible(page, 'create vault');
  await create.create(PASSPHRASE);
  await new WorkspacePage(page).expectVisible();
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await expectAccessible(page, 'import panel');
  await importPanel.importFiles([await feed()]);
  await expectAccessible(page, 'import result');
  await importPanel.closeButton.click();
  // Focus goes back to the button that opened the panel, not to <body>.
  await expect(importPanel.openButton).toBeFocused();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(3);
  return queue;
}

test('the palette, Edit and Note dialogs trap focus, make the page inert, close on Esc and give focus back', async ({ page, webHost }) => {
  const queue = await setUp(page, webHost.url);
  await queue.focusList();
  await page.keyboard.press('Control+k');
  await expect(queue.palette).toBeVisible();
  for (let n = 0; n < 6; n += 1) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(page)).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await focusInDialog(page)).toBe(true);
  // The page behind cannot be reached: the sidebar is inert.
  expect(await page.evaluate(() => Boolean((globalThis as unknown as { document: PageDocument }).document.querySelector('nav')?.closest('[inert]')))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(queue.palette).toBeHidden();
  await expect(queue.scroller).toBeFocused();

  for (const key of ['e', 'n']) {
    await page.keyboard.press(key);
    await expect(queue.dialog).toBeVisible();
    for (let n = 0; n < 12; n += 1) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(queue.dialog).toBeHidden();
    await expect(queue.scroller).toBeFocused();
  }
});

test('every screen and dialog has no serious or critical accessibility violation (axe)', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  const queue = await setUp(page, webHost.url);
  await expectAccessible(page, 'queue');
  await queue.rows.first().locator('.queue-cell-value').click();
  await expect(queue.detail).toBeVisible();
  await expectAccessible(page, 'queue with detail');

  await queue.focusList();
  for (const [key, what] of [['Control+k', 'palette'], ['e', 'edit dialog'], ['n', 'note dialog'], ['t', 'TLP dialog'], ['?', 'shortcut sheet']] as const) {
    await page.keyboard.press(key);
    await expect(queue.dialog).toBeVisible();
    await expectAccessible(page, what);
    await page.keyboard.press('Escape');
    await expect(queue.dialog).toBeHidden();
  }

  const workspace = new WorkspacePage(page);
  for (const section of ['Overview', 'Briefings', 'Bundles', 'Sync', 'Settings'] as SectionName[]) {
    await workspace.open(section);
    await expectAccessible(page, section);
  }
  await workspace.lock();
  await expect(new UnlockPage(page).heading).toBeVisible();
  await expectAccessible(page, 'unlock');
});
