import { expect, type Locator, type Page } from '@playwright/test';

/** The Sync screen: servers, the add form with Test connection, Sync now, conflicts. */
export class SyncScreen {
  readonly heading: Locator;
  readonly servers: Locator;
  readonly syncNow: Locator;
  readonly testConnection: Locator;
  readonly connectionResult: Locator;
  readonly conflicts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sync', level: 1 });
    this.servers = page.getByRole('region', { name: 'Servers' });
    this.syncNow = page.getByRole('button', { name: 'Sync now' });
    this.testConnection = page.getByRole('button', { name: 'Test connection' });
    this.connectionResult = page.getByRole('status', { name: 'Connection test' }).or(page.getByRole('alert', { name: 'Connection test' }));
    this.conflicts = page.getByRole('region', { name: /^Conflicts/ });
  }

  async fillProfile(fields: { name: string; url: string; collection: string; user: string; password: string; tlpMax: string }): Promise<void> {
    await this.page.getByLabel('Profile name').fill(fields.name);
    await this.page.getByLabel('Discovery URL').fill(fields.url);
    await this.page.getByLabel('Publish to collection').fill(fields.collection);
    await this.page.getByLabel('User name').fill(fields.user);
    await this.page.getByLabel('Password').fill(fields.password);
    await this.page.getByLabel('Highest TLP ever sent to this server').selectOption(fields.tlpMax);
  }

  async addServer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add server' }).click();
  }

  conflict(title: string): Locator {
    return this.page.getByRole('article', { name: `Conflict on ${title}` });
  }

  async expectFinished(text: RegExp): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: /^Sync finished/ })).toHaveText(text, { timeout: 30_000 });
  }
}
