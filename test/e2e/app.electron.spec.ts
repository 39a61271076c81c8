import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { UnlockPage, CreateVaultPage } from './pages/vault-access-page';
import { WorkspacePage } from './pages/workspace-page';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'orbit velvet harbour minnow cactus';

/** node_modules/electron exports the binary's path, and throws when its postinstall download never ran. */
function findElectronBinary(): string | undefined {
  try {
    const binary = createRequire(path.join(ROOT, 'package.json'))('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const electronBinary = findElectronBinary();
const SKIP_REASON =
  'Electron binary not installed (node_modules/electron was installed without its download, e.g. offline or with ' +
  'ELECTRON_SKIP_BINARY_DOWNLOAD): run `npm ci` with internet access, or `node node_modules/electron/install.js`.';
if (!electronBinary) console.log(`[e2e electron] skipped: ${SKIP_REASON}`);

async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test.describe('Electron app', () => {
  test.skip(!electronBinary, SKIP_REASON);

  let vaultRoot: string;
  let app: ElectronApplication;

  test.beforeAll(() => {
    // The app loads the Electron-ABI SQLite build from .native/; build or verify it first (fast when current).
    const native = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'electron-native.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(native.status, `scripts/electron-native.mjs failed:\n${native.stdout}\n${native.stderr}`).toBe(0);
  });

  test.beforeEach(async () => {
    vaultRoot = await mkdtemp(path.join(tmpdir(), 'liaison-e2e-electron-'));
    app = await electron.launch({
      executablePath: electronBinary!,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, LIAISON_VAULT: path.join(vaultRoot, 'vault'), LIAISON_ANALYST: 'e2e' } as Record<string, string>,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await rm(vaultRoot, { recursive: true, force: true });
  });

  test('create a vault, lock it, reject a wrong passphrase, unlock with the right one', async () => {
    const testInfo = test.info();
    const page = await app.firstWindow();
    await expect(page).toHaveURL('app://liaison/index.html');

    // The page is sandboxed: no Node, only the contract-built bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { liaison: object }).liaison).sort())).toContain('vault');

    const create = new CreateVaultPage(page);
    await create.create(PASSPHRASE);
    const workspace = new WorkspacePage(page);
    await workspace.expectVisible();
    await snapshot(page, testInfo, 'electron-workspace');

    await workspace.lock();
    const unlock = new UnlockPage(page);
    await unlock.unlock('not the passphrase');
    await expect(unlock.error).toHaveText('Wrong passphrase');
    await snapshot(page, testInfo, 'electron-wrong-passphrase');

    await unlock.unlock(PASSPHRASE);
    await workspace.expectVisible();
  });

  test('refuses to navigate away or open windows', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => {
      // The spec is typed without DOM; this runs in the page.
      const page = globalThis as unknown as { open(url: string, target: string): unknown; location: { href: string } };
      page.open('https://example.com/', '_blank');
      page.location.href = 'https://example.com/';
    });
    await expect(page).toHaveURL('app://liaison/index.html');
    expect(app.windows()).toHaveLength(1);
  });
});

/**
 * The `liaison` the packaged app ships (issue #16) runs the app binary in CLI mode (main/app/cli-mode.ts):
 * the same launch the launchers in bin/packaged/ make, here from sources (`electron . --liaison-cli ...`),
 * with the Electron-ABI SQLite the app itself loads.
 */
test.describe('Electron app in CLI mode', () => {
  test.skip(!electronBinary, SKIP_REASON);

  test.beforeAll(() => {
    const native = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'electron-native.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(native.status, `scripts/electron-native.mjs failed:\n${native.stdout}\n${native.stderr}`).toBe(0);
  });

  function liaison(args: string[], vaultRoot: string) {
    return spawnSync(electronBinary!, [ROOT, '--liaison-cli', '--ozone-platform=headless', '--disable-gpu', '--', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LIAISON_PASSPHRASE: PASSPHRASE, LIAISON_ANALYST: 'e2e', LIAISON_VAULT: path.join(vaultRoot, 'vault') },
    });
  }

  test('answers --help, creates a vault and reads it back, with exit codes passed through', async () => {
    const vaultRoot = await mkdtemp(path.join(tmpdir(), 'liaison-e2e-electron-cli-'));
    try {
      const help = liaison(['--help'], vaultRoot);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toContain('Usage: liaison');

      const created = liaison(['vault', 'init', '--json'], vaultRoot);
      expect(created.status, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout).location).toBe(path.join(vaultRoot, 'vault'));
      const info = liaison(['vault', 'info', '--json'], vaultRoot);
      expect(info.status, info.stderr).toBe(0);
      expect(JSON.parse(info.stdout).schemaVersion).toBeGreaterThan(0);

      const unknown = liaison(['no-such-command'], vaultRoot);
      expect(unknown.status).not.toBe(0);
      expect(unknown.stdout).toBe('');
    } finally {
      await rm(vaultRoot, { recursive: true, force: true });
    }
  });
});
