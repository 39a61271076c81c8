import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Download, Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { BriefingsPage } from './pages/briefings-page';
import { ImportPanel } from './pages/import-page';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'lantern quarry otter basalt meridian';
const ROOT = path.resolve(import.meta.dirname, '../..');
/** 36 indicators: 12 domains, 8 addresses, 6 URLs, 6 SHA-256, 4 e-mail addresses; imported as TLP:AMBER. */
const FEED = path.join(ROOT, 'test/fixtures/e2e/triage-feed.csv');
/** MITRE's Enterprise bundle cut down to a few techniques (T1566.001 Spearphishing Attachment, T1053 Scheduled Task/Job…). */
const ATTACK = path.join(ROOT, 'test/fixtures/attack/enterprise-attack-mini.json');
const run = promisify(execFile);

/** The CLI opens the vault beside the running host (WAL), as an analyst loading ATT&CK once would. */
async function cli(vaultDir: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/liaison.mjs'), ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, LIAISON_VAULT: vaultDir, LIAISON_PASSPHRASE: PASSPHRASE },
  });
  return JSON.parse(stdout) as unknown;
}

async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Serious and critical axe findings only; the rule ids and the elements they name make a failure readable. */
async function expectAccessible(page: Page, scope: string, testInfo: TestInfo): Promise<void> {
  const results = await new AxeBuilder({ page }).include(scope).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  await testInfo.attach(`axe ${scope}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(
    blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    `axe on ${scope}`,
  ).toEqual([]);
}

/** The export dialog's result offers the written file; in the browser host it arrives as a download. */
async function downloadExport(page: Page, dialog: Locator, testInfo: TestInfo, name: string): Promise<string> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /^Download/ }).click()]);
  const file = testInfo.outputPath(name);
  await download.saveAs(file);
  return file;
}

test('a Cyber Activity Report: from the template, indicators from the queue, two techniques, exported marked as PDF and HTML', async ({ page, webHost }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  // Creating the vault runs the KDF: on a loaded machine that takes longer than an assertion's default wait.
  await expect(workspace.nav).toBeVisible({ timeout: 30_000 });
  await workspace.expectVisible();

  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([FEED]);
  await expect(importPanel.total('New')).toHaveText('36');
  await importPanel.closeButton.click();
  await cli(webHost.vaultDir, ['attack', 'load', ATTACK]);

  // A briefing from the Cyber Activity Report template: its sections arrive ready to fill in.
  await workspace.open('Briefings');
  const briefings = new BriefingsPage(page);
  await expectAccessible(page, 'main', testInfo);
  await page.keyboard.press('n');
  await expect(briefings.dialog('New briefing')).toBeVisible();
  await expectAccessible(page, 'dialog', testInfo);
  await page.keyboard.press('Escape');
  await expect(briefings.dialog('New briefing')).toHaveCount(0);
  await briefings.create('Wave 2 phishing against ministries', /Cyber Activity Report/);
  await expect(briefings.sections).not.toHaveCount(0);
  const headings = await briefings.sections.locator('input[type="text"]').first().inputValue();
  expect(headings.length).toBeGreaterThan(0);
  const firstBody = briefings.sections.first().getByLabel('Body (Markdown)');
  await firstBody.fill('Phishing kits seen in **wave 2**. <img src="https://evil.example/x.png"> Infrastructure below.');
  await expect(briefings.sections.first().getByRole('region', { name: /^Preview of/ }).locator('strong')).toHaveText('wave 2');
  await expect(briefings.sections.first().getByRole('region', { name: /^Preview of/ }).locator('img')).toHaveCount(0);
  // Long enough to print on several pages, so "on every page" means more than one.
  const observations = Array.from({ length: 90 }, (_, n) => `- Observation ${n + 1}: lure sent to a ministry mailbox, kit fingerprint ${n * 7919}.`).join('\n');
  await briefings.sections.nth(1).getByLabel('Body (Markdown)').fill(observations);
  await briefings.draftSaved();

  // From the queue: three domains selected with x, attached through the palette.
  await workspace.open('Queue');
  const queue = new QueuePage(page);
  await queue.typeFilter.selectOption('domain');
  await expect(queue.count).toContainText('12 indicators');
  await queue.focusList();
  await page.keyboard.press('g');
  await page.keyboard.press('g');
  const picked: string[] = [];
  for (let n = 0; n < 3; n += 1) {
    picked.push((await queue.focused()).value);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
  }
  await expect(queue.count).toContainText('3 selected');
  await queue.runCommand('attach briefing');
  await expect(queue.palette.getByRole('option', { selected: true })).toHaveText(/Attach selection to briefing… \(3 selected\)/);
  await page.keyboard.press('Enter');
  const attach = page.getByRole('dialog', { name: 'Attach 3 indicators to a briefing' });
  await expect(attach.getByRole('radio', { name: /Wave 2 phishing against ministries/ })).toBeChecked();
  await expectAccessible(page, 'dialog', testInfo);
  await attach.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(queue.notice).toContainText('Attached 3 to “Wave 2 phishing against ministries”');

  // The queue's "In a briefing" filter now finds exactly those three.
  await queue.typeFilter.selectOption('');
  await queue.filters.getByLabel('In a briefing').selectOption('yes');
  await expect(queue.count).toContainText('3 indicators');

  // Back in the editor: the three attachments with their live triage state; one technique by name from the
  // loaded catalogue, one by an id the catalogue does not have (kept, and shown as the id).
  await workspace.open('Briefings');
  await briefings.open('Wave 2 phishing against ministries');
  await expect(briefings.indicators.getByRole('row')).toHaveCount(4);
  for (const value of picked) await expect(briefings.indicators).toContainText(value);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  await expect(briefings.techniqueInput).toBeFocused();
  await briefings.pickTechnique('scheduled task', 'T1053');
  await briefings.pickTechnique('t1071.001', 'T1071.001');
  await expect(briefings.matrix.getByRole('columnheader')).toHaveText([/^Execution/, /^Persistence/, /^No tactic known/]);
  await expect(briefings.matrix).toContainText('Scheduled Task/Job');
  await expect(briefings.matrix).toContainText('T1071.001');
  await briefings.draftSaved();
  await expect(briefings.banner).toContainText('TLP:AMBER');

  // A section marked RED raises the marking an export would carry, and the banner says which one.
  const redSection = briefings.sections.last();
  await redSection.getByLabel('Section TLP').selectOption({ label: 'TLP:RED' });
  await redSection.getByLabel('Body (Markdown)').fill('Takedown requests filed with the registrar under case 4471.');
  await expect(briefings.banner).toContainText('TLP:RED');
  await expect(briefings.banner).toContainText(/raised .* by section “.+” \(TLP:RED\)/);
  await briefings.draftSaved();
  await briefings.saveVersion();
  await snapshot(page, testInfo, 'briefing-editor');
  await expectAccessible(page, 'main', testInfo);

  // Versions: the new one against the first, as a diff.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('v');
  const versions = briefings.dialog(/^Versions of/);
  await expect(versions.getByRole('table', { name: 'Versions' }).getByRole('row')).not.toHaveCount(1);
  await versions.getByRole('button', { name: 'Show diff' }).click();
  await expect(versions.getByRole('region', { name: /^Changes from v\d+ to v\d+/ })).toContainText('T1053');
  await expectAccessible(page, 'dialog', testInfo);
  await page.keyboard.press('Escape');
  await expect(versions).toHaveCount(0);

  // PDF at the AMBER ceiling: the RED section is withheld and the dialog says so; page 1 as PNG in the test
  // output; the TLP label on every page.
  const pdfDialog = await briefings.exportAs('PDF', { ceiling: 'TLP:AMBER' });
  const result = pdfDialog.getByRole('region', { name: 'Export result' });
  await expect(result.getByRole('status')).toContainText('TLP:AMBER');
  await expect(result.getByRole('table', { name: 'Withheld' })).toContainText('TLP:RED');
  await expectAccessible(page, 'dialog', testInfo);
  const pdf = await downloadExport(page, pdfDialog, testInfo, 'briefing.pdf');
  await pdfDialog.getByRole('button', { name: 'Close' }).click();
  const png = testInfo.outputPath('briefing-page-1');
  await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
  await testInfo.attach('briefing-page-1', { path: `${png}.png`, contentType: 'image/png' });
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
  const pages = text.split('\f').filter((pageText) => pageText.trim() !== '');
  expect(pages.length).toBeGreaterThan(1);
  for (const [index, pageText] of pages.entries()) expect(pageText, `page ${index + 1}`).toContain('TLP:AMBER');
  expect(text).toContain('Wave 2 phishing against ministries');
  expect(text).not.toContain('case 4471');

  // HTML: one self-contained file, marked, defanged by default, with the technique matrix.
  const htmlDialog = await briefings.exportAs('HTML', { ceiling: 'TLP:AMBER' });
  const html = await readFile(await downloadExport(page, htmlDialog, testInfo, 'briefing.html'), 'utf8');
  await htmlDialog.getByRole('button', { name: 'Close' }).click();
  expect(html).toContain('TLP:AMBER');
  expect(html).toContain('T1053');
  expect(html).toContain('Scheduled Task/Job');
  expect(html).not.toMatch(/<script|<img[^>]+src="https?:|<link[^>]+href="https?:/i);
  expect(html).not.toContain('case 4471');
  const domain = picked[0]!;
  expect(html).toContain(domain.replace(/\./g, '[.]'));

  // The workflow to the end: published is final, the editor read-only.
  for (const step of ['Send for review', 'Approve', 'Publish without sync']) {
    await page.getByRole('button', { name: step, exact: true }).click();
    await expect(briefings.notice).toContainText('Status set to');
  }
  await expect(page.getByRole('note')).toContainText('Published: this briefing is final');
  await expect(briefings.title).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Save version/ })).toBeDisabled();

  // Its layout as the analyst's own template, then a new briefing from it.
  await page.getByRole('button', { name: 'Save as template…' }).click();
  const saveTemplate = briefings.dialog('Save as template');
  await saveTemplate.getByLabel('Template name').fill('Ministry phishing CAR');
  await expectAccessible(page, 'dialog', testInfo);
  await saveTemplate.getByRole('button', { name: 'Save template' }).click();
  await expect(briefings.notice).toContainText('Template “Ministry phishing CAR” saved');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await expect(briefings.list).toBeVisible();
  await expect(briefings.list.getByRole('row').filter({ hasText: 'Wave 2 phishing against ministries' })).toContainText('Published');
  await briefings.create('Wave 3 phishing', /Ministry phishing CAR/);
  await expect(briefings.sections.first().getByLabel('Body (Markdown)')).toHaveValue(/Phishing kits seen in \*\*wave 2\*\*/);
});
