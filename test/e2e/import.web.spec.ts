import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportPanel } from './pages/import-page';
import { QueuePage } from './pages/queue-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'orbit velvet harbour minnow cactus';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const VENDOR_CSV = path.join(FIXTURES, 'ingest/csv/vendor-feed.csv');
/** 17 valid indicators and 2 rejects (a broken pattern, an indicator without a pattern); its YARA indicator is a note. */
const STIX_BUNDLE = path.join(FIXTURES, 'ingest/stix/bundle-2.1.json');
const TRUNCATED = path.join(FIXTURES, 'e2e/truncated-bundle.json');

async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function openWorkspace(page: Page, url: string): Promise<WorkspacePage> {
  await page.goto(url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await workspace.expectVisible();
  return workspace;
}

test('import through the browser: a file with rejects imports its valid values unless Strict is on', async ({ page, webHost }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openWorkspace(page, webHost.url);
  const queue = new QueuePage(page);
  await expect(queue.emptyState).toContainText('npx liaison import FILE');
  await expect(page.getByText('arrives with the ingestion work')).toHaveCount(0);

  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await expect(importPanel.tlp('AMBER')).toBeChecked();
  await importPanel.importFiles([VENDOR_CSV, STIX_BUNDLE], { strict: true });

  await expect(importPanel.total('Files')).toHaveText('2');
  await expect(importPanel.total('New')).toHaveText('4');
  await expect(importPanel.total('Rejected')).toHaveText('2');
  await expect(importPanel.fileRow('vendor-feed.csv')).toContainText('Imported');
  const bundleRow = importPanel.fileRow('bundle-2.1.json');
  await expect(bundleRow).toContainText('NOT IMPORTED');
  await expect(bundleRow).toContainText('“Strict” commits a file whole or not at all. Without it, its valid values are imported.');
  await expect(importPanel.rejects.locator('tbody').getByRole('row')).toHaveCount(2);
  const patternReject = importPanel.rejects.getByRole('row').filter({ hasText: 'pattern does not parse' });
  await expect(patternReject).toContainText('bundle-2.1.json');
  await expect(patternReject).toContainText('objects[7]');
  await snapshot(page, testInfo, 'import-result-all-or-nothing');

  // Only the CSV went in; the list reloads when the import finishes.
  await expect(queue.rows).toHaveCount(4);
  await expect(queue.row('evil.com')).toBeVisible();

  await importPanel.startOverButton.click();
  await importPanel.importFiles([STIX_BUNDLE]);
  await expect(importPanel.fileRow('bundle-2.1.json')).toContainText('Imported');
  await expect(importPanel.fileRow('bundle-2.1.json')).toContainText('Imported the valid records; 2 rejects listed below.');
  await expect(importPanel.total('New')).toHaveText('17');
  await expect(importPanel.rejects.locator('tbody').getByRole('row')).toHaveCount(2);
  await snapshot(page, testInfo, 'import-result-lenient');

  await expect(queue.rows).toHaveCount(21);
  await importPanel.closeButton.click();
  await expect(importPanel.panel).toHaveCount(0);

  await queue.open('evil.com');
  await expect(queue.detailSources).toContainText('vendor-feed.csv');
  await expect(queue.detailSources).toContainText('line 2');
  await expect(queue.detail).toContainText('TLP:AMBER');
  await snapshot(page, testInfo, 'queue-with-detail');

  await queue.typeFilter.selectOption('md5');
  await expect(queue.rows).toHaveCount(2);
  await queue.typeFilter.selectOption('');
  await queue.tlpFilter.selectOption('red');
  await expect(queue.rows).toHaveCount(3);
  await expect(queue.rows.getByText('TLP:RED', { exact: true })).toHaveCount(3);
  await queue.tlpFilter.selectOption('');
  await queue.search.fill('evil');
  await expect(queue.rows).toHaveCount(2);
  await queue.search.fill('no such value');
  await expect(page.getByText('No indicators match these filters.')).toBeVisible();
});

test('a truncated file is not imported, and the result names the file and the place', async ({ page, webHost }, testInfo) => {
  await openWorkspace(page, webHost.url);
  const importPanel = new ImportPanel(page);
  await importPanel.open();
  await importPanel.importFiles([TRUNCATED]);

  await expect(importPanel.fileRow('truncated-bundle.json')).toContainText('NOT IMPORTED');
  await expect(importPanel.fileRow('truncated-bundle.json')).toContainText('could not be read to the end');
  const problem = importPanel.rejects.locator('tbody').getByRole('row');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('truncated-bundle.json');
  await expect(problem).toContainText(/byte \d+ \(line \d+\)/);
  await expect(problem).toContainText('unexpected end of JSON');
  await snapshot(page, testInfo, 'import-result-truncated');
  await expect(new QueuePage(page).emptyState).toBeVisible();
});

test('files dropped on any screen open the import panel on the Queue', async ({ page, webHost }, testInfo) => {
  const workspace = await openWorkspace(page, webHost.url);
  await workspace.open('Settings');

  const dataTransfer = await page.evaluateHandle(() => {
    // Type-checked with the Node project (no DOM lib), so the one browser class used is declared here.
    const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new DataTransfer();
    transfer.items.add(new File(['198.51.100.7\n'], 'iocs.txt', { type: 'text/plain' }));
    return transfer;
  });
  await workspace.main.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Drop files to import')).toBeVisible();
  await workspace.main.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop files to import')).toHaveCount(0);

  await expect(workspace.section('Queue')).toHaveAttribute('aria-current', 'page');
  const importPanel = new ImportPanel(page);
  await expect(importPanel.chosenFiles).toContainText('iocs.txt');
  await importPanel.tlp('GREEN').check();
  await snapshot(page, testInfo, 'import-form');
  await importPanel.importButton.click();
  await expect(importPanel.fileRow('iocs.txt')).toContainText('Imported');
  const queue = new QueuePage(page);
  await queue.open('198.51.100.7');
  await expect(queue.detail).toContainText('TLP:GREEN');
});
