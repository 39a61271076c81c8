import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';

export interface WebHost {
  /** The launch URL, token included. */
  url: string;
  origin: string;
  port: number;
  vaultDir: string;
}

const HOST_ENTRY = path.resolve(import.meta.dirname, '../../out/main/web-host.js');
const START_TIMEOUT_MS = 15_000;

/** Waits for the host's one JSON line on stdout; fails with its stderr if it exits or stays silent. */
function readLaunchLine(child: ChildProcess): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${stderr}`)), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; port: number });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before printing its URL (did you run npm run build?):\n${stderr}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timeout);
}

export const test = base.extend<{ webHost: WebHost }>({
  // A fresh empty vault folder and a fresh host per test: no state leaks between tests.
  // Playwright reads a fixture's dependencies from its destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const vaultDir = await mkdtemp(path.join(tmpdir(), 'liaison-e2e-'));
    const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--vault', vaultDir, '--json'], {
      env: { ...process.env, LIAISON_ANALYST: 'e2e', LIAISON_VAULT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const { url, port } = await readLaunchLine(child);
      await use({ url, port, origin: new URL(url).origin, vaultDir });
    } finally {
      await stop(child);
      await rm(vaultDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
