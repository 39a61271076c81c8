import { expect, type Locator, type Page } from '@playwright/test';

/** The Queue screen's indicator list, its filters and the detail pane. */
export class QueuePage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly search: Locator;
  readonly typeFilter: Locator;
  readonly tlpFilter: Locator;
  readonly detail: Locator;
  readonly detailSources: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Indicators' });
    this.rows = this.table.locator('tbody').getByRole('row');
    this.emptyState = page.getByRole('region', { name: 'No indicators in the vault yet' });
    const filters = page.getByRole('search', { name: 'Filter indicators' });
    this.search = filters.getByLabel('Search');
    this.typeFilter = filters.getByLabel('Type');
    this.tlpFilter = filters.getByLabel('TLP');
    this.detail = page.getByRole('complementary', { name: 'Indicator detail' });
    this.detailSources = this.detail.getByRole('region', { name: 'Sources' });
  }

  row(value: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('button', { name: value, exact: true }) });
  }

  async open(value: string): Promise<void> {
    await this.row(value).getByRole('button', { name: value, exact: true }).click();
    await expect(this.detail.getByRole('heading', { name: value })).toBeVisible();
  }
}
