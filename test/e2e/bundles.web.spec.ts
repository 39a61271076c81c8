import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ensureIdentity, exportBundle, publicIdentityFile } from '../../main/core/bundles';
import { importPaths } from '../../main/core/ingest/import/import-job';
import { createVault } from '../../main/core/vault';
import { runInProcess } from '../helpers/cli-in-process';
import { expect, test } from './fixtures';
import { BriefingsPage } from './pages/briefings-page';
import { BundlesPage } from './pages/bundles-page';
import { CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const PASSPHRASE = 'orbit velvet harbour minnow cactus';
const STIX_BUNDLE = path.resolve(import.meta.dirname, '../fixtures/ingest/stix/bundle-2.1.json');
const PARTNER_PASSPHRASE = 'partner passphrase for e2e';

/** A partner vault (A) outside the app: its public identity file, and a bundle it exports to `ageRecipient`. */
async function partnerFiles(dir: string, ageRecipient: string) {
  const vault = await createVault(path.join(dir, 'partner'), PARTNER_PASSPHRASE, { actor: 'alice', kdf: { N: 2 ** 14, r: 8, p: 1 } });
  try {
    const author = { actor: 'alice', at: new Date('2026-03-01T10:00:00Z') };
    const identity = await ensureIdentity(vault.db, author, { organisation: 'CERT Alpha' });
    await importPaths(vault.db, [STIX_BUNDLE], { format: 'stix', actor: 'alice' });
    const publicFile = path.join(dir, 'alpha.pub.json');
    fs.writeFileSync(publicFile, publicIdentityFile(identity));
    const bundle = path.join(dir, 'from-alpha.liaison');
    const exported = await exportBundle(vault.db, author, { out: bundle, tlpMax: 'amber', recipients: [ageRecipient] });
    const tampered = path.join(dir, 'tampered.liaison');
    const bytes = fs.readFileSync(bundle);
    bytes[bytes.length - 2000] = bytes[bytes.length - 2000]! ^ 0x20;
    fs.writeFileSync(tampered, bytes);
    return { vault: vault.location, fingerprint: identity.fingerprint, publicFile, bundle, tampered, indicators: exported.indicators };
  } finally {
    vault.close();
  }
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('bundles: trust a partner after the fingerprint check, verify a bundle before importing it, refuse a tampered one, download exports', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await workspace.expectVisible();
  await workspace.open('Bundles');
  const bundles = new BundlesPage(page);
  await bundles.expectVisible();
  await expect(page.getByText('Bundle exchange is not available yet')).toHaveCount(0);

  await page.getByRole('button', { name: 'Change names' }).click();
  await page.getByRole('form', { name: 'Names on this identity' }).getByLabel('Organisation').fill('CSIRT Bravo');
  await page.getByRole('button', { name: 'Save names' }).click();
  await expect(page.getByRole('region', { name: "This vault's identity" })).toContainText('CSIRT Bravo');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-bundles-'));
  try {
    const partner = await partnerFiles(dir, (await bundles.ageKey.textContent())!);

    const shown = await bundles.previewPartner(partner.publicFile);
    await expect(shown).toHaveText(partner.fingerprint);
    await axe(page);
    await bundles.confirmPartner('Alpha desk');
    await expect(bundles.trustedRow('Alpha desk')).toContainText(partner.fingerprint);

    // Dropped on the window from another screen, a valid bundle opens the verify screen and nothing is
    // written until Import: this vault's own CLI sees no bundle import and no indicator yet.
    await workspace.open('Queue');
    await bundles.dropOnWindow(partner.bundle);
    await expect(workspace.section('Bundles')).toHaveAttribute('aria-current', 'page');
    await expect(bundles.report).toContainText('Valid signature from a trusted partner (Alpha desk)');
    await expect(bundles.importButton()).toBeEnabled();
    const own = { LIAISON_VAULT: webHost.vaultDir, LIAISON_PASSPHRASE: PASSPHRASE, LIAISON_ANALYST: 'e2e' };
    const listed = await runInProcess(['bundle', 'list', '--json'], own);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    const info = await runInProcess(['vault', 'info', '--json'], own);
    expect((JSON.parse(info.stdout) as { counts: { indicators: number } }).counts.indicators).toBe(0);

    await bundles.chooseBundle(partner.bundle);
    await expect(bundles.report).toContainText('Valid signature from a trusted partner (Alpha desk)');
    await expect(bundles.report).toContainText(partner.fingerprint);
    await expect(bundles.report.getByRole('table', { name: 'Chain of custody' }).getByRole('row')).toHaveCount(3); // header, imported, exported
    await axe(page);
    await bundles.importButton().click();
    await expect(bundles.receive.getByRole('status').filter({ hasText: 'Imported:' })).toContainText(`${partner.indicators} new indicators`);

    // Dropped on the window from another screen, a bundle goes to the verify screen, not the import panel.
    await workspace.open('Queue');
    await bundles.dropOnWindow(partner.tampered);
    await expect(workspace.section('Bundles')).toHaveAttribute('aria-current', 'page');
    await expect(bundles.report).toContainText('Rejected: nothing will be imported');
    await expect(bundles.report).toContainText('tampered.liaison');
    await expect(bundles.importButton()).toHaveCount(0);

    // Exported from the screen, the bundle reaches the analyst as a download named by the core, and the
    // partner's own vault verifies it with the CLI: signed by this vault, nothing changed on the way.
    const signedName = await bundles.exportBundle({ plain: false });
    expect(signedName).toMatch(/^bundle-[0-9a-f-]{36}\.liaison$/);
    await expect(bundles.exportForm.getByRole('status').filter({ hasText: 'Exported ' })).toContainText(`signed, ${partner.indicators} indicators`);
    await axe(page);
    const signedFile = path.join(dir, 'downloads', signedName);
    const download = await bundles.downloadExport(signedName, signedFile);
    expect(download.suggestedFilename()).toBe(signedName);
    const verified = await runInProcess(['bundle', 'verify', signedFile, '--json'], { LIAISON_VAULT: partner.vault, LIAISON_PASSPHRASE: PARTNER_PASSPHRASE, LIAISON_ANALYST: 'alice' });
    expect(verified.code, verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout) as { ok: boolean; encrypted: boolean; signer: { fingerprint: string; trusted: boolean }; objects: { byType: Record<string, number> } };
    expect(report).toMatchObject({ ok: true, encrypted: false, signer: { fingerprint: (await bundles.ownFingerprint.textContent())!, trusted: false } });
    expect(report.objects.byType.indicator).toBe(partner.indicators);

    const plainName = await bundles.exportBundle({ plain: true });
    expect(plainName).toMatch(/^bundle-[0-9a-f-]{36}\.stix\.json$/);
    await expect(bundles.exportForm.getByRole('status').filter({ hasText: 'Exported ' })).toContainText(`plain, ${partner.indicators} indicators`);
    const plainFile = path.join(dir, 'downloads', plainName);
    await bundles.downloadExport(plainName, plainFile);
    const plain = JSON.parse(fs.readFileSync(plainFile, 'utf8')) as { type: string; objects: { type: string }[] };
    expect(plain.type).toBe('bundle');
    expect(plain.objects.filter((o) => o.type === 'indicator')).toHaveLength(partner.indicators);
    await axe(page);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a briefing shared as a bundle: encrypted to a trusted partner from the editor, handed out, verified and imported by the partner', async ({ page, webHost }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(webHost.url);
  await new CreateVaultPage(page).create(PASSPHRASE);
  const workspace = new WorkspacePage(page);
  await expect(workspace.nav).toBeVisible({ timeout: 30_000 });
  await workspace.open('Bundles');
  const bundles = new BundlesPage(page);
  await bundles.expectVisible();
  const ownFingerprint = (await bundles.ownFingerprint.textContent())!;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-share-'));
  try {
    const partner = await partnerFiles(dir, (await bundles.ageKey.textContent())!);
    await bundles.previewPartner(partner.publicFile);
    await bundles.confirmPartner('Alpha desk');
    await expect(bundles.trustedRow('Alpha desk')).toContainText(partner.fingerprint);

    // The briefing and its indicators are made beside the running host, as an analyst scripting it would.
    const own = { LIAISON_VAULT: webHost.vaultDir, LIAISON_PASSPHRASE: PASSPHRASE, LIAISON_ANALYST: 'e2e' };
    const imported = await runInProcess(['import', STIX_BUNDLE, '--json'], own);
    expect(imported.code, imported.stderr).toBe(0);
    const created = await runInProcess(['briefing', 'create', '--title', 'Shared wave report', '--template', 'car', '--tlp', 'amber', '--json'], own);
    expect(created.code, created.stderr).toBe(0);
    const briefingId = (JSON.parse(created.stdout) as { id: number }).id;
    const attached = await runInProcess(['briefing', 'attach', String(briefingId), '--where', 'tlp<=amber', '--json'], own);
    expect(attached.code, attached.stderr).toBe(0);

    await workspace.open('Briefings');
    const briefings = new BriefingsPage(page);
    await briefings.open('Shared wave report');
    await page.getByRole('button', { name: 'Share as bundle…' }).click();
    const dialog = briefings.dialog('Share as bundle');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('TLP ceiling (nothing above it is shared)').selectOption('amber');
    await dialog.getByRole('checkbox', { name: /Alpha desk/ }).check();
    await axe(page);
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    const done = dialog.getByRole('status').filter({ hasText: 'Exported ' });
    await expect(done).toContainText(/encrypted, [1-9]\d* indicators/);
    const name = /Exported (bundle-[0-9a-f-]{36}\.liaison):/.exec((await done.textContent()) ?? '')?.[1];
    expect(name).toBeDefined();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: `Download ${name!}` }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const file = path.join(dir, 'downloads', name!);
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');

    // The partner, a recipient, opens it with its own vault: signed by this vault, the briefing's report
    // and its indicators inside, the custody chain ending in the export; then imports it.
    const theirs = { LIAISON_VAULT: partner.vault, LIAISON_PASSPHRASE: PARTNER_PASSPHRASE, LIAISON_ANALYST: 'alice' };
    const verified = await runInProcess(['bundle', 'verify', file, '--json'], theirs);
    expect(verified.code, verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout) as {
      ok: boolean;
      encrypted: boolean;
      tlpMax: string;
      signer: { fingerprint: string };
      objects: { byType: Record<string, number> };
      custody: { verified: boolean; entries: { action: string }[] };
    };
    expect(report).toMatchObject({ ok: true, encrypted: true, tlpMax: 'amber', signer: { fingerprint: ownFingerprint }, custody: { verified: true } });
    expect(report.objects.byType.report).toBe(1);
    expect(`encrypted, ${report.objects.byType.indicator} indicators`).toBe(/encrypted, \d+ indicators/.exec((await done.textContent()) ?? '')?.[0]);
    expect(report.custody.entries.at(-1)?.action).toBe('exported');
    const received = await runInProcess(['bundle', 'import', file, '--accept-unknown-signer', '--json'], theirs);
    expect(received.code, received.stderr).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
