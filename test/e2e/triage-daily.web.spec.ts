import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { ImportPanel } from './pages/import-page';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

/** Issue #17: triage for daily use, as an analyst tried it at 1500 × 950. */
const PASSPHRASE = 'lantern quarry otter basalt meridian';
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function cli(vaultDir: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/liaison.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_VAULT: vaultDir, LIAISON_PASSPHRASE: PASSPHRASE, LIAISON_ANALYST: 'e2e' },
  });
  return stdout;
}

/** A folder of two MISP-shaped lists without a category field: VPN exits (known) and RFC 1918 (false positive). */
async function warninglistFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liaison-e2e-lists-'));
  const lists = {
    vpn: { name: 'Specialized list of IPv4 addresses belonging to common VPN providers and datacenters', version: 1, type: 'cidr', list: ['185.220.101.0/24'] },
    rfc1918: { name: 'List of RFC 1918 CIDR blocks', version: 1, type: 'cidr', list: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
  };
  for (const [name, list] of Object.entries(lists)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'list.json'), JSON.stringify(list));
  }
  return dir;
}

async function csvFile(name: string, text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'liaison-e2e-csv-')), name);
  await writeFile(file, text);
  return file;
}

test('a VPN-listed C2 asks for a check, a private address suggests false positive; both hits visible at 1500 px (#17.2)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  await new WorkspacePage(page).expectVisible();
  await cli(webHost.vaultDir, ['warninglists', 'load', await warninglistFolder()]);

  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([await csvFile('c2.csv', 'indicator,type,tags\n185.220.101.7,ip-dst,asyncrat\n10.1.2.3,ip-dst,lab\nasync-c2[.]example,domain,asyncrat\n')]);
  await expect(importPanel.total('New')).toHaveText('3');
  await importPanel.closeButton.click();

  const queue = new QueuePage(page);
  const vpnRow = queue.row('185.220.101.7');
  await expect(vpnRow).toBeVisible();
  await expect(vpnRow.locator('.queue-cell-list')).toBeVisible();
  await expect(vpnRow.locator('.queue-cell-list')).toContainText('VPN');
  await expect(vpnRow.locator('.queue-cell-tags')).toBeVisible();
  await expect(vpnRow.locator('.queue-cell-tags')).toHaveText('asyncrat');
  const typeBox = await vpnRow.locator('.queue-cell-type').boundingBox();
  expect(typeBox!.width).toBeGreaterThanOrEqual(72);

  await vpnRow.locator('.queue-cell-value').click();
  const hits = queue.detail.getByRole('region', { name: 'Warninglists' });
  await expect(hits).toContainText('On a list of known VPN, proxy and Tor endpoints: check before dismissing.');
  await expect(hits).not.toContainText('Suggestion');

  await queue.row('10.1.2.3').locator('.queue-cell-value').click();
  await expect(hits).toContainText('Suggestion: mark as false positive (4)');

  // The analyst reclassifies the VPN list in Settings; the hit now suggests a status.
  const workspace = new WorkspacePage(page);
  await workspace.open('Settings');
  const category = page.getByLabel('Category of Specialized list of IPv4 addresses belonging to common VPN providers and datacenters');
  await expect(category).toHaveValue('known');
  await category.selectOption('false-positive');
  await expect(page.getByRole('region', { name: 'Warninglists' })).toContainText('set by an analyst');
  expect(await cli(webHost.vaultDir, ['warninglists', 'match', 'ipv4:185.220.101.7'])).toContain('suggested status: false-positive');
});

test('a MISP feed folder chosen in the browser imports as one feed; hashes.csv gives no indicators (#17.1)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.panel.getByLabel('Choose a folder').setInputFiles(path.join(ROOT, 'test/fixtures/ingest/misp/feed'));
  await expect(importPanel.chosenFiles.getByRole('listitem')).toHaveCount(5);
  await importPanel.importButton.click();
  await expect(importPanel.panel.getByRole('heading', { name: 'Import result' })).toBeVisible();
  await expect(importPanel.total('Files')).toHaveText('1');
  await expect(importPanel.fileRow('manifest.json')).toContainText('misp-feed');
  await expect(importPanel.panel).not.toContainText('could not be read');
  const listed = JSON.parse(await cli(webHost.vaultDir, ['indicators', 'list', '--json'])) as { type: string; value: string }[];
  expect(listed.length).toBeGreaterThan(0);
  // hashes.csv holds the MD5 of every value: none of them may become an indicator.
  const hashes = await readFile(path.join(ROOT, 'test/fixtures/ingest/misp/feed/hashes.csv'), 'utf8');
  const md5s = new Set(hashes.split('\n').map((line) => line.split(',')[0]));
  expect(listed.filter((i) => md5s.has(i.value))).toEqual([]);
});

test('state traps: Esc keeps the query, bad filters are named, new sources listed, help at its top, counts in words (#17.10)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([await csvFile('partner-feed.csv', 'indicator,type\nevil-c2[.]top,domain\nbad-lure[.]net,domain\n')]);
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(2);

  // The Source filter lists the file imported from this page without leaving it.
  await expect(queue.filters.getByLabel('Source', { exact: true }).locator('option', { hasText: 'partner-feed.csv' })).toHaveCount(1);

  // Esc leaves the search box and keeps the query.
  await queue.search.fill('evil');
  await expect(queue.rows).toHaveCount(1);
  await queue.search.press('Escape');
  await expect(queue.search).toHaveValue('evil');
  await expect(queue.search).not.toBeFocused();
  await expect(queue.rows).toHaveCount(1);

  // Confidence out of range and a day not in ISO form are named, not ignored.
  await queue.filters.getByLabel('Confidence ≥').fill('150');
  await expect(queue.filters.getByRole('alert')).toHaveText('Confidence is a whole number from 0 to 100.');
  await queue.filters.getByLabel('Confidence ≥').fill('');
  await expect(queue.filters.getByLabel('First seen from')).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await queue.filters.getByLabel('First seen from').fill('03/01/2026');
  await expect(queue.filters.getByRole('alert')).toHaveText('A day as YYYY-MM-DD.');
  await queue.filters.getByLabel('First seen from').fill('');

  // The shortcut sheet opens at its top.
  await queue.focusList();
  await page.keyboard.press('?');
  await expect(queue.dialog).toBeVisible();
  expect(await queue.dialog.evaluate((element) => element.scrollTop)).toBe(0);
  await page.keyboard.press('Escape');

  // Settings counts in words, without bookkeeping tables.
  await new WorkspacePage(page).open('Settings');
  const facts = page.getByRole('region', { name: 'Vault' });
  await expect(facts).toContainText('Indicators');
  await expect(facts).toContainText('Imported files');
  await expect(facts).not.toContainText('Triage state');
});

test('Ctrl+C copies the focused value, Shift+C its defanged form, a selection as lines (#17.8)', async ({ page, webHost, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.origin });
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([await csvFile('copy.csv', 'indicator,type\nhttp://pbvzje4[.]top/f15.svg,url\nevil-c2[.]top,domain\n')]);
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(2);
  const clipboard = () => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());

  await queue.focusList();
  await page.keyboard.press('g');
  await page.keyboard.press('g');
  const { value } = await queue.focused();
  await page.keyboard.press('Control+c');
  await expect(queue.notice).toContainText('Copied the value');
  expect(await clipboard()).toBe(value);
  await page.keyboard.press('Shift+C');
  await expect(queue.notice).toContainText('Copied the defanged value');
  expect(await clipboard()).toContain('[.]');

  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('Control+c');
  await expect(queue.notice).toContainText('Copied 2 values as lines');
  expect((await clipboard()).split('\n').sort()).toEqual(['evil-c2.top', 'http://pbvzje4.top/f15.svg']);
});

test('context, sources and tags in the detail pane are pivots that filter the queue (#17.6)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([
    await csvFile('dharma.csv', 'indicator,type,tags,malware\nevil-c2[.]top,domain,ransomware,Dharma\nbad-lure[.]net,domain,phishing,\n'),
    await csvFile('asyncrat.csv', 'indicator,type,tags\n185.220.101.7,ip-dst,ransomware\n'),
  ]);
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(3);

  await queue.row('evil-c2.top').locator('.queue-cell-value').click();
  await queue.detail.getByRole('button', { name: 'ransomware' }).click();
  await expect(queue.rows).toHaveCount(2);
  await expect(queue.filters.getByLabel('Tag')).toHaveValue('ransomware');

  await queue.row('evil-c2.top').locator('.queue-cell-value').click();
  await queue.detail.getByRole('region', { name: 'Context' }).getByRole('button', { name: 'Dharma' }).click();
  // The pivot asks for the whole word: neither "Dharma…" nor the source dharma.csv (issue #17.7 search).
  await expect(queue.rows).toHaveCount(1);
  await expect(queue.search).toHaveValue('"Dharma"');

  await queue.detailSources.getByRole('button', { name: 'dharma.csv' }).click();
  await expect(queue.rows).toHaveCount(2);
  await expect(queue.search).toHaveValue('');
});

test('a notice floats over the queue without moving it, and stays on its page; the import says its TLP (#17.9, #17.10)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.fileInput.setInputFiles([await csvFile('tlp.csv', 'indicator,type\nevil-c2[.]top,domain\nbad-lure[.]net,domain\n')]);
  await expect(importPanel.panel.locator('.import-tlp-summary')).toHaveText('Records without a marking will be imported as TLP:AMBER.');
  await importPanel.tlp('GREEN').check();
  await expect(importPanel.panel.locator('.import-tlp-summary')).toHaveText('Records without a marking will be imported as TLP:GREEN.');
  await importPanel.importButton.click();
  await expect(importPanel.panel.getByRole('heading', { name: 'Import result' })).toBeVisible();
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(2);

  const top = async () => (await queue.grid.boundingBox())!.y;
  const before = await top();
  await queue.focusList();
  await page.keyboard.press('1');
  await expect(queue.notice).toContainText('Status set to Malicious');
  expect(await top()).toBe(before);

  const workspace = new WorkspacePage(page);
  await workspace.open('Overview');
  await workspace.open('Queue');
  await expect(queue.rows).toHaveCount(2);
  await expect(queue.notice).toHaveCount(0);
});

test('after opening a related indicator, 1–6 change the indicator shown; a filter matching nothing empties the pane (#17.10)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([await csvFile('related.csv', 'indicator,type\nmail.evil-c2[.]top,hostname\ncdn.evil-c2[.]top,hostname\n')]);
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(2);

  await queue.row('cdn.evil-c2.top').locator('.queue-cell-value').click();
  await queue.detail.getByRole('region', { name: 'Related indicators' }).getByRole('button', { name: 'mail.evil-c2.top' }).click();
  await expect(queue.detail.locator('.detail-title')).toHaveText('mail.evil-c2.top');
  await queue.focusList();
  await page.keyboard.press('1');
  await expect(queue.notice).toContainText('Status set to Malicious');
  await expect(queue.row('mail.evil-c2.top').locator('.status-chip')).toHaveClass(/status-malicious/);
  await expect(queue.row('cdn.evil-c2.top').locator('.status-chip')).not.toHaveClass(/status-malicious/);

  await queue.search.fill('nothing-matches-this');
  await expect(queue.page.getByText('No indicators match these filters.')).toBeVisible();
  await expect(queue.detail.locator('.detail-title')).toHaveCount(0);
});

test('search finds the start of a word and a source name; a resized column keeps Value and the warninglist in sight (#17.7, #17.9)', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([
    await csvFile('AsyncRAT_C2_IPs.csv', 'indicator,type\n185.220.101.7,ip-dst\n'),
    await csvFile('fake-updates.csv', 'indicator,type,malware\ncdn-update[.]top,domain,SocGholish\n'),
  ]);
  await importPanel.closeButton.click();
  const queue = new QueuePage(page);
  await expect(queue.rows).toHaveCount(2);

  await queue.search.fill('SocGh');
  await expect(queue.rows).toHaveCount(1);
  await expect(queue.row('cdn-update.top')).toBeVisible();
  await queue.search.fill('asyncrat');
  await expect(queue.rows).toHaveCount(1);
  await expect(queue.row('185.220.101.7')).toBeVisible();
  await queue.search.fill('cdn-upd');
  await expect(queue.rows).toHaveCount(1);
  await queue.search.fill('');
  await expect(queue.rows).toHaveCount(2);

  // Widen Type: the narrow-window rules still apply (Seen goes, as without a resize) and Value keeps its room.
  const header = (name: string) => page.getByRole('columnheader', { name: new RegExp(`^${name}`) });
  await expect(header('Seen')).toBeHidden();
  await page.getByRole('separator', { name: 'Resize Type column' }).focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(header('Seen')).toBeHidden();
  await expect(header('Warninglist')).toBeVisible();
  const value = await queue.row('185.220.101.7').locator('.queue-cell-value').boundingBox();
  expect(value!.width).toBeGreaterThanOrEqual(160);
});
