import { expect, type Locator, type Page } from '@playwright/test';

export type TlpName = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

/** The Import panel on the Queue screen: options, progress and the result view. */
export class ImportPanel {
  readonly openButton: Locator;
  readonly panel: Locator;
  readonly fileInput: Locator;
  readonly chosenFiles: Locator;
  readonly format: Locator;
  readonly sourceName: Locator;
  readonly strict: Locator;
  readonly importButton: Locator;
  readonly closeButton: Locator;
  readonly startOverButton: Locator;
  readonly files: Locator;
  readonly rejects: Locator;
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Import…' });
    this.panel = page.getByRole('region', { name: /^Import/ });
    this.fileInput = this.panel.getByLabel('Choose files');
    this.chosenFiles = this.panel.getByRole('list', { name: 'Chosen files' });
    this.format = this.panel.getByLabel('Format');
    this.sourceName = this.panel.getByLabel('Source name (optional)');
    this.strict = this.panel.getByLabel('Strict', { exact: true });
    this.importButton = this.panel.getByRole('button', { name: 'Import', exact: true });
    this.closeButton = this.panel.getByRole('button', { name: 'Close' });
    this.startOverButton = this.panel.getByRole('button', { name: 'Import more files' });
    this.files = this.panel.getByRole('region', { name: 'Files' });
    this.rejects = this.panel.getByRole('region', { name: 'Rejects' });
    this.notes = this.panel.getByRole('region', { name: 'Notes' });
  }

  tlp(level: TlpName): Locator {
    return this.panel.getByRole('radio', { name: `TLP:${level}`, exact: true });
  }

  /** The value shown under a total ("Files", "Rejected", …). */
  total(label: 'Files' | 'Records' | 'New' | 'Merged' | 'Rejected'): Locator {
    const term = this.page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
    return this.panel.getByRole('group', { name: 'Import totals' }).locator('div').filter({ has: term }).getByRole('definition');
  }

  /** The row of one file in the per-file outcome table. */
  fileRow(name: string): Locator {
    return this.files.getByRole('row').filter({ hasText: name });
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.panel.getByRole('heading', { name: 'Import indicators' })).toBeVisible();
  }

  async importFiles(paths: string[], options: { strict?: boolean; tlp?: TlpName } = {}): Promise<void> {
    await this.fileInput.setInputFiles(paths);
    await expect(this.chosenFiles.getByRole('listitem')).toHaveCount(paths.length);
    if (options.tlp) await this.tlp(options.tlp).check();
    await this.strict.setChecked(options.strict ?? false);
    await this.importButton.click();
    await expect(this.panel.getByRole('heading', { name: 'Import result' })).toBeVisible();
  }
}
