import { expect, type Locator, type Page } from '@playwright/test';

export type SectionName = 'Queue' | 'Overview' | 'Briefings' | 'Bundles' | 'Sync' | 'Settings';

export class WorkspacePage {
  readonly nav: Locator;
  readonly lockButton: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Workspace' });
    this.lockButton = page.getByRole('button', { name: 'Lock', exact: true });
    this.main = page.getByRole('main');
  }

  section(name: SectionName): Locator {
    return this.nav.getByRole('button', { name, exact: true });
  }

  async expectVisible(): Promise<void> {
    await expect(this.nav).toBeVisible();
    await expect(this.section('Queue')).toBeVisible();
  }

  async open(name: SectionName): Promise<void> {
    await this.section(name).click();
    await expect(this.section(name)).toHaveAttribute('aria-current', 'page');
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
  }
}
