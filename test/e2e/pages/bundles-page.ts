import fs from 'node:fs';
import path from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Bundles screen: identity, trust store, receive (verify then import) and export. */
export class BundlesPage {
  readonly ownFingerprint: Locator;
  readonly ageKey: Locator;
  readonly trust: Locator;
  readonly receive: Locator;
  readonly exportForm: Locator;
  readonly report: Locator;

  constructor(readonly page: Page) {
    this.ownFingerprint = page.getByTestId('own-fingerprint');
    this.ageKey = page.getByRole('region', { name: "This vault's identity" }).locator('code', { hasText: /^age1/ });
    this.trust = page.getByRole('region', { name: 'Trusted partners' });
    this.receive = page.getByRole('region', { name: 'Receive a bundle' });
    this.exportForm = page.getByRole('form', { name: 'Export a bundle' });
    this.report = page.getByTestId('bundle-report');
  }

  async expectVisible(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Bundles', level: 1 })).toBeVisible();
    await expect(this.ownFingerprint).toHaveText(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
  }

  /** Chooses a partner's public identity file; returns the fingerprint shown for confirmation. */
  async previewPartner(file: string): Promise<Locator> {
    await this.trust.locator('input[type=file]').setInputFiles(file);
    return this.page.getByTestId('trust-fingerprint');
  }

  async confirmPartner(name: string): Promise<void> {
    await this.trust.getByLabel('Local name (optional)').fill(name);
    const trustButton = this.trust.getByRole('button', { name: 'Trust this identity' });
    await expect(trustButton).toBeDisabled();
    await this.trust.getByLabel('I compared the fingerprint with them and it matches').check();
    await trustButton.click();
  }

  trustedRow(name: string): Locator {
    return this.trust.getByRole('row').filter({ hasText: name });
  }

  async chooseBundle(file: string): Promise<void> {
    await this.receive.getByTestId('bundle-file-input').setInputFiles(file);
  }

  /** Drops `file` on the workspace window, as an analyst drags it from the file manager. */
  async dropOnWindow(file: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ base64, name }) => {
        // Runs in the page; the test tsconfig has no DOM lib, so the two constructors are typed here.
        const page = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): unknown } };
          File: new (parts: Uint8Array[], name: string) => unknown;
        };
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        const transfer = new page.DataTransfer();
        transfer.items.add(new page.File([bytes], name));
        return transfer;
      },
      { base64: fs.readFileSync(file).toString('base64'), name: path.basename(file) },
    );
    const target = this.page.locator('.workspace');
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  }

  /** Exports with the form's current choices (plain or not); resolves to the name the core gave the file. */
  async exportBundle(options: { plain: boolean }): Promise<string> {
    await this.exportForm.getByLabel('Plain STIX 2.1 (unsigned, for MISP or OpenCTI)').setChecked(options.plain);
    await this.exportForm.getByRole('button', { name: 'Export', exact: true }).click();
    const done = this.exportForm.getByRole('status').filter({ hasText: 'Exported ' });
    await expect(done).toBeVisible();
    const name = /Exported (bundle-[0-9a-f-]{36}\.(?:liaison|stix\.json)):/.exec((await done.textContent()) ?? '')?.[1];
    if (!name) throw new Error(`no exported file name in: ${await done.textContent()}`);
    return name;
  }

  /** In the browser host the export arrives as a download, as briefing exports do; saved to `target`. */
  async downloadExport(name: string, target: string): Promise<Download> {
    const [download]: [Download, void] = await Promise.all([this.page.waitForEvent('download'), this.exportForm.getByRole('button', { name: `Download ${name}` }).click()]);
    await download.saveAs(target);
    return download;
  }

  importButton(): Locator {
    return this.receive.getByRole('button', { name: /^Import \d+ objects$/ });
  }
}
