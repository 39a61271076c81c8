import { expect, type Locator, type Page } from '@playwright/test';

export type ExportFormatName = 'PDF' | 'HTML' | 'STIX 2.1' | 'MISP' | 'CSV';

/** The Briefings screen: the list, the editor, and the dialogs opened from them (all platform <dialog>s). */
export class BriefingsPage {
  readonly list: Locator;
  readonly newButton: Locator;
  readonly banner: Locator;
  readonly title: Locator;
  readonly saveState: Locator;
  readonly notice: Locator;
  readonly techniqueInput: Locator;
  readonly techniqueOptions: Locator;
  readonly pickedTechniques: Locator;
  readonly matrix: Locator;
  readonly indicators: Locator;
  readonly sections: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('table', { name: 'Briefings' });
    this.newButton = page.getByRole('button', { name: /^New briefing…/ });
    this.banner = page.locator('.tlp-banner');
    this.title = page.locator('.briefing-title-field').getByLabel('Title');
    this.saveState = page.locator('.save-state');
    this.notice = page.locator('.briefings-notice');
    this.techniqueInput = page.getByRole('combobox', { name: 'Add a technique by id or name' });
    this.techniqueOptions = page.getByRole('listbox', { name: 'Matching techniques' });
    this.pickedTechniques = page.getByRole('list', { name: 'Picked techniques' });
    this.matrix = page.getByRole('table', { name: 'ATT&CK matrix of this briefing' });
    this.indicators = page.getByRole('table', { name: 'Attached indicators' });
    this.sections = page.locator('.briefing-section');
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Creates a briefing from a template through the "New briefing" dialog; the editor opens on it. */
  async create(title: string, template: string | RegExp): Promise<void> {
    await this.newButton.click();
    const dialog = this.dialog('New briefing');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByRole('radio', { name: template }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(this.title).toHaveValue(title);
  }

  /** Opens a briefing from the list; the screen keeps the one being edited open across screens, so it may already be. */
  async open(title: string): Promise<void> {
    await expect(this.list.or(this.title)).toBeVisible();
    if (await this.list.isVisible()) await this.list.getByRole('button', { name: title, exact: true }).click();
    await expect(this.title).toHaveValue(title);
  }

  /** Picks a technique by typing its id or name and taking the first match with Enter. */
  async pickTechnique(query: string, expectId: string): Promise<void> {
    await this.techniqueInput.fill(query);
    await expect(this.techniqueOptions.getByRole('option').first()).toContainText(expectId);
    await this.techniqueInput.press('Enter');
    await expect(this.pickedTechniques).toContainText(expectId);
  }

  /** Waits until the autosave has stored what was typed. */
  async draftSaved(): Promise<void> {
    await expect(this.saveState).toHaveAttribute('data-state', 'saved');
  }

  async saveVersion(): Promise<void> {
    await this.page.keyboard.press('Control+s');
    await expect(this.notice).toContainText(/Saved as version \d+/);
  }

  /** Opens the export dialog with Ctrl+E, exports, and returns the dialog (its result names the file and what was withheld). */
  async exportAs(format: ExportFormatName, options: { ceiling?: string } = {}): Promise<Locator> {
    await this.page.keyboard.press('Control+e');
    const dialog = this.dialog('Export briefing');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: new RegExp(`^${format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).check();
    if (options.ceiling) await dialog.getByLabel('TLP ceiling').selectOption({ label: options.ceiling });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    // A PDF is printed by a headless Chromium the core starts: seconds, more on a loaded machine.
    await expect(dialog.getByRole('region', { name: 'Export result' })).toBeVisible({ timeout: 60_000 });
    return dialog;
  }
}
