import { expect, type Locator, type Page } from '@playwright/test';

/** The triage Queue: the virtual grid, toolbar, filter bar, detail pane and the overlays opened from it. */
export class QueuePage {
  readonly grid: Locator;
  readonly scroller: Locator;
  /** Rendered data rows (the grid renders only the rows near the viewport). */
  readonly rows: Locator;
  readonly focusedRow: Locator;
  readonly emptyState: Locator;
  readonly count: Locator;
  readonly search: Locator;
  readonly filters: Locator;
  readonly typeFilter: Locator;
  readonly tlpFilter: Locator;
  readonly statusFilter: Locator;
  readonly notice: Locator;
  readonly detail: Locator;
  readonly detailSources: Locator;
  readonly dialog: Locator;
  readonly palette: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Indicator queue' });
    // The scroller is the grid itself (it takes focus and carries aria-activedescendant).
    this.scroller = this.grid;
    this.rows = this.grid.locator('.queue-block [role="row"][data-id]');
    this.focusedRow = this.grid.locator('.queue-block [role="row"][aria-current="true"]');
    this.emptyState = page.getByRole('region', { name: 'No indicators in the vault yet' });
    this.count = page.locator('.queue-count');
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.filters = page.getByRole('group', { name: 'Filters' });
    this.typeFilter = this.filters.getByLabel('Type', { exact: true });
    this.tlpFilter = this.filters.getByLabel('TLP', { exact: true });
    this.statusFilter = this.filters.getByLabel('Status', { exact: true });
    this.notice = page.locator('.queue-notice');
    this.detail = page.getByRole('complementary', { name: 'Indicator detail' });
    this.detailSources = this.detail.getByRole('region', { name: 'Sources and sightings' });
    this.dialog = page.getByRole('dialog');
    this.palette = page.getByRole('dialog', { name: 'Command palette' });
  }

  row(value: string): Locator {
    return this.rows.filter({ has: this.page.locator('.queue-cell-value', { hasText: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  }

  rowById(id: number): Locator {
    return this.grid.locator(`.queue-block [role="row"][data-id="${id}"]`);
  }

  /** Focuses the list itself (not a field), where the single-key shortcuts apply. */
  async focusList(): Promise<void> {
    await this.scroller.focus();
  }

  async focused(): Promise<{ id: number; value: string }> {
    await expect(this.focusedRow).toHaveCount(1);
    const id = Number(await this.focusedRow.getAttribute('data-id'));
    const value = (await this.focusedRow.locator('.queue-cell-value').textContent()) ?? '';
    return { id, value };
  }

  /** Opens an indicator in the detail pane with the mouse. */
  async open(value: string): Promise<void> {
    await this.row(value).locator('.queue-cell-value').click();
    await expect(this.detail.getByRole('heading', { name: value })).toBeVisible();
  }

  async runCommand(text: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.palette).toBeVisible();
    await this.palette.getByRole('combobox', { name: 'Command' }).fill(text);
  }
}
