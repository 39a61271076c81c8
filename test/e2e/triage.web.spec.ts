import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportPanel } from './pages/import-page';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'lantern quarry otter basalt meridian';
const ROOT = path.resolve(import.meta.dirname, '../..');
/** 36 indicators: 12 domains, 8 addresses, 6 URLs, 6 SHA-256, 4 e-mail addresses. */
const FEED = path.join(ROOT, 'test/fixtures/e2e/triage-feed.csv');
const run = promisify(execFile);

interface CliIndicator {
  id: number;
  type: string;
  value: string;
  status: string;
  tlp: string;
}

/** The CLI opens the vault beside the running host (WAL), as an analyst's script would. */
async function cli<T>(vaultDir: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/liaison.mjs'), ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_VAULT: vaultDir, LIAISON_PASSPHRASE: PASSPHRASE },
  });
  return JSON.parse(stdout) as T;
}

async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

const KEY_STATUS: Record<string, string> = { '1': 'malicious', '2': 'suspicious', '3': 'benign', '4': 'false-positive', '5': 'in-review' };

test('triage by keyboard, a bulk change on a filtered set through the palette, undo; the CLI sees it all', async ({ page, webHost }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  await new WorkspacePage(page).expectVisible();

  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([FEED]);
  await expect(importPanel.total('New')).toHaveText('36');
  await importPanel.closeButton.click();

  const queue = new QueuePage(page);
  await expect(queue.count).toContainText('36 indicators');
  await expect(queue.rows.first()).toBeVisible();
  const expected = new Map<number, string>();

  // Keyboard alone from here: the list has focus, as after a click into it or Tab.
  await queue.focusList();
  await page.keyboard.press('g');
  await page.keyboard.press('g');
  await expect(queue.focusedRow).toHaveAttribute('aria-rowindex', '2');

  // Rows 1–10: a verdict each with 1–5, moving with j.
  for (let n = 0; n < 10; n += 1) {
    const key = String((n % 5) + 1);
    const { id } = await queue.focused();
    await page.keyboard.press(key);
    expected.set(id, KEY_STATUS[key]!);
    await expect(queue.rowById(id).locator('.status-chip')).toHaveClass(new RegExp(`status-${KEY_STATUS[key]}`));
    await page.keyboard.press('j');
  }

  // Rows 11–15: selected one by one with x, then marked malicious together with 1.
  for (let n = 0; n < 5; n += 1) {
    const { id } = await queue.focused();
    await page.keyboard.press('x');
    await expect(queue.rowById(id)).toHaveAttribute('aria-selected', 'true');
    expected.set(id, 'malicious');
    if (n < 4) await page.keyboard.press('j');
  }
  await expect(queue.count).toContainText('5 selected');
  await page.keyboard.press('1');
  await expect(queue.notice).toContainText('Status set to Malicious: 5 indicators');

  // Rows 16–20: x on the first, j to the last, Shift+X selects the range; 2 marks them suspicious.
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  for (let n = 0; n < 4; n += 1) await page.keyboard.press('j');
  await page.keyboard.press('Shift+X');
  await expect(queue.count).toContainText('5 selected');
  const range = await queue.grid.locator('.queue-block [role="row"][aria-selected="true"]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-id'))));
  expect(range).toHaveLength(5);
  for (const id of range) expected.set(id, 'suspicious');
  await page.keyboard.press('2');
  await expect(queue.notice).toContainText('Status set to Suspicious: 5 indicators');
  expect(expected.size).toBe(20);

  // t: the TLP picker on the focused row; 5 is TLP:RED.
  const marked = await queue.focused();
  await page.keyboard.press('t');
  await expect(queue.dialog.getByRole('listbox', { name: 'TLP' })).toBeVisible();
  await page.keyboard.press('5');
  await expect(queue.rowById(marked.id)).toContainText('TLP:RED');

  // n: a note in Markdown, saved with Ctrl+Enter; the detail pane shows it.
  await page.keyboard.press('k');
  const noted = await queue.focused();
  await page.keyboard.press('n');
  await page.keyboard.type('Seen in **wave 2**; registrar abuse desk told.');
  await page.keyboard.press('Control+Enter');
  const notes = queue.detail.getByRole('region', { name: 'Notes' });
  await expect(notes).toContainText('Seen in wave 2; registrar abuse desk told.');
  await expect(notes.locator('strong')).toHaveText('wave 2');
  await expect(queue.detail.getByRole('heading', { name: noted.value })).toBeVisible();

  // G jumps to the last row, g g back to the first; ? lists the keys.
  await page.keyboard.press('Shift+G');
  await expect(queue.focusedRow).toHaveAttribute('aria-rowindex', '37');
  await page.keyboard.press('g');
  await page.keyboard.press('g');
  await expect(queue.focusedRow).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('Shift+?');
  await expect(queue.dialog).toContainText('Set status: False positive');
  await page.keyboard.press('Escape');
  await expect(queue.dialog).toHaveCount(0);
  await snapshot(page, testInfo, 'queue-after-keyboard-triage');

  // The domains, filtered, marked benign in one bulk change from the palette (with a confirmation).
  await queue.typeFilter.selectOption('domain');
  await expect(queue.count).toContainText('12 indicators');
  const domains = await cli<CliIndicator[]>(webHost.vaultDir, ['indicators', 'list', '--type', 'domain', '--limit', '100']);
  expect(domains).toHaveLength(12);
  const before = new Map(domains.map((row) => [row.id, row.status]));
  await queue.focusList();
  await queue.runCommand('mark all benign');
  await expect(queue.palette.getByRole('option', { selected: true })).toHaveText(/Mark all 12 filtered as benign/);
  await snapshot(page, testInfo, 'command-palette');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: /all 12 filtered indicators/ });
  await expect(confirm).toContainText('This changes 12 indicators');
  await confirm.getByRole('button', { name: 'Apply to 12 indicators' }).click();
  await expect(queue.notice).toContainText('Marked as benign: 12 indicators');
  await expect(queue.rows.locator('.status-benign')).toHaveCount(12);
  const afterBulk = await cli<CliIndicator[]>(webHost.vaultDir, ['indicators', 'list', '--type', 'domain', '--limit', '100']);
  expect(afterBulk.every((row) => row.status === 'benign')).toBe(true);

  // u undoes the bulk change: every domain is back to its status before it.
  await queue.focusList();
  await page.keyboard.press('u');
  // The notice names the change it undid (issue #17.10).
  await expect(queue.notice).toContainText('Undid “Marked as benign on 12 indicators”: 12 indicators restored');
  const undone = await cli<CliIndicator[]>(webHost.vaultDir, ['indicators', 'list', '--type', 'domain', '--limit', '100']);
  for (const row of undone) expect(row.status, row.value).toBe(before.get(row.id));

  // The vault, read by the CLI, holds every keyboard verdict; the audit log names each change and the undo.
  const all = await cli<CliIndicator[]>(webHost.vaultDir, ['indicators', 'list', '--limit', '1000']);
  expect(all).toHaveLength(36);
  const status = new Map(all.map((row) => [row.id, row.status]));
  for (const [id, want] of expected) expect(status.get(id), `indicator ${id}`).toBe(want);
  expect(all.filter((row) => !expected.has(row.id)).every((row) => row.status === 'new')).toBe(true);
  expect(all.find((row) => row.id === marked.id)?.tlp).toBe('red');

  const audit = await cli<{ action: string }[]>(webHost.vaultDir, ['audit', 'list', '--limit', '200']);
  const actions = audit.map((entry) => entry.action);
  // 10 single verdicts + 2 selections + TLP + note + the bulk change = 15 triage changes, then one undo.
  expect(actions.filter((action) => action === 'indicators.bulk-triage')).toHaveLength(15);
  expect(actions.filter((action) => action === 'indicators.bulk-undo')).toHaveLength(1);
  expect(actions.indexOf('indicators.bulk-undo')).toBeLessThan(actions.indexOf('indicators.bulk-triage'));

  // The detail pane names the change in the indicator's history; the Overview charts the vault.
  await expect(queue.detail.getByRole('region', { name: 'Triage history' })).toContainText('status → ');
  await snapshot(page, testInfo, 'queue-detail');
  const workspace = new WorkspacePage(page);
  await workspace.open('Overview');
  await expect(page.getByRole('img', { name: /^By status: / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^By type: / })).toContainText('domain');
  await snapshot(page, testInfo, 'overview');
});

test('queue columns show the widest marking, status, rating and count whole', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([FEED]);
  await expect(importPanel.total('New')).toHaveText('36');
  await importPanel.closeButton.click();

  // The longest label of each fixed column, set by the CLI beside the running app.
  const [email] = await cli<CliIndicator[]>(webHost.vaultDir, ['indicators', 'list', '--type', 'email', '--limit', '1']);
  await cli(webHost.vaultDir, ['triage', String(email!.id), '--status', 'false-positive', '--confidence', '100', '--severity', 'critical', '--tlp', 'amber+strict']);
  const queue = new QueuePage(page);
  await queue.typeFilter.selectOption('email');
  const row = queue.rowById(email!.id);
  await expect(row).toContainText('TLP:AMBER+STRICT');
  await expect(row).toContainText('False positive');
  await expect(row).toContainText('100 / critical');

  // A clipped marking mis-states it ("TLP:AMBER+STRIC"). At a laptop's width the grid drops the columns the
  // detail pane repeats; on a wide screen it shows all ten. Either way every shown cell fits.
  const shown = await clippedCells(row);
  expect(shown.clipped).toEqual([]);
  expect(shown.visible).toEqual(['TLP', 'Type', 'Value', 'Status', 'Conf./sev.']);
  await page.setViewportSize({ width: 1760, height: 900 });
  const wide = await clippedCells(row);
  expect(wide.clipped).toEqual([]);
  expect(wide.visible).toEqual(['TLP', 'Type', 'Value', 'Status', 'Conf./sev.', 'Seen', 'Last seen', 'Tags', 'Warninglist']);
});

/**
 * The shown columns of a row (by header), and its cells that need more width than they have (the value
 * cell ellipsises by design) or run past the grid's edge. The sightings cell is also probed with its widest
 * forms ("99,999", then compact "888.8K") in a detached copy of the row, which has the same CSS.
 */
async function clippedCells(row: Locator): Promise<{ visible: string[]; clipped: string[] }> {
  // The e2e project compiles without the DOM library: the page's elements are described by what is used.
  interface Box {
    offsetParent: unknown;
    scrollWidth: number;
    clientWidth: number;
    textContent: string | null;
    classList: { contains(name: string): boolean };
    getBoundingClientRect(): { right: number };
  }
  return row.evaluate((element) => {
    const grid = element.closest('.queue-grid')!;
    const gridRight = grid.getBoundingClientRect().right;
    const headers = [...grid.querySelectorAll('[role="columnheader"]')] as unknown as Box[];
    const visible = headers.filter((header) => header.offsetParent !== null && header.textContent !== 'Selected').map((header) => header.textContent ?? '');
    const clipped: string[] = [];
    const check = (cells: Box[]) => {
      for (const cell of cells) {
        if (cell.offsetParent === null) continue;
        if (!cell.classList.contains('queue-cell-value') && cell.scrollWidth > cell.clientWidth) clipped.push(`${cell.textContent} (${cell.scrollWidth} > ${cell.clientWidth})`);
        if (cell.getBoundingClientRect().right > gridRight + 0.5) clipped.push(`${cell.textContent} past the grid's edge`);
      }
    };
    check([...element.querySelectorAll('[role="gridcell"]')] as unknown as Box[]);
    for (const count of ['99,999', '888.8K']) {
      const probe = element.cloneNode(true) as typeof element;
      probe.removeAttribute('id');
      element.parentElement!.append(probe);
      const cell = probe.querySelectorAll('[role="gridcell"]')[6]!;
      cell.textContent = count;
      check([cell as unknown as Box]);
      probe.remove();
    }
    return { visible, clipped };
  });
}
