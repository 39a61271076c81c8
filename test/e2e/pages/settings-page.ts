import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  readonly autoLockMinutes: Locator;
  readonly saveAutoLock: Locator;
  readonly vaultFacts: Locator;
  readonly auditLog: Locator;

  constructor(readonly page: Page) {
    this.autoLockMinutes = page.getByLabel('Lock after (minutes)');
    this.saveAutoLock = page.getByRole('button', { name: 'Save' });
    this.vaultFacts = page.getByRole('region', { name: 'Vault' });
    this.auditLog = page.getByRole('region', { name: 'Recent activity' });
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    await this.page.getByLabel('Current passphrase').fill(current);
    await this.page.getByLabel('New passphrase', { exact: true }).fill(next);
    await this.page.getByLabel('Confirm new passphrase').fill(next);
    await this.page.getByRole('button', { name: 'Change passphrase' }).click();
  }

  async setAutoLock(minutes: number): Promise<void> {
    await this.autoLockMinutes.fill(String(minutes));
    await this.saveAutoLock.click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  }
}
