import { expect, type Locator, type Page } from '@playwright/test';

export class CreateVaultPage {
  readonly heading: Locator;
  readonly passphrase: Locator;
  readonly confirmation: Locator;
  readonly createButton: Locator;
  readonly strengthHint: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Create your vault' });
    this.passphrase = page.getByLabel('Passphrase', { exact: true });
    this.confirmation = page.getByLabel('Confirm passphrase');
    this.createButton = page.getByRole('button', { name: 'Create vault' });
    this.strengthHint = page.locator('.strength-hint');
  }

  async create(passphrase: string, confirmation = passphrase): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.passphrase.fill(passphrase);
    await this.confirmation.fill(confirmation);
    await this.createButton.click();
  }
}

export class UnlockPage {
  readonly heading: Locator;
  readonly passphrase: Locator;
  readonly unlockButton: Locator;
  readonly error: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Unlock vault' });
    this.passphrase = page.getByLabel('Passphrase', { exact: true });
    this.unlockButton = page.getByRole('button', { name: 'Unlock' });
    this.error = page.getByRole('alert');
    this.notice = page.getByRole('status');
  }

  async unlock(passphrase: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.passphrase.fill(passphrase);
    await this.unlockButton.click();
  }
}
