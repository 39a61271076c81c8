import { scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVault, unlockVault } from '../main/core/vault';

/**
 * Unlock time (scrypt KDF + key unwrap + opening the encrypted database + migrations check), against
 * the raw baseline of the scrypt derivation alone with the same parameters. The KDF is tuned to take
 * 0.3–1 s here; everything else should be noise.
 */
export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-unlock-'));
  try {
    const location = join(dir, 'vault');
    const passphrase = 'correct horse battery staple';
    (await createVault(location, passphrase, { actor: 'bench' })).close();
    const runs = 5;
    const unlock: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const vault = await unlockVault(location, passphrase, { actor: 'bench' });
      unlock.push(performance.now() - started);
      vault.close();
    }
    const info = (await unlockVault(location, passphrase, { actor: 'bench' }));
    const { N, r, p } = info.info().kdf;
    info.close();
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      scryptSync(passphrase, 'sixteen byte salt', 32, { N, r, p, maxmem: 512 * 1024 * 1024 });
      raw.push(performance.now() - started);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`scrypt N=${N} r=${r} p=${p}`);
    console.log(`raw scrypt derivation   median ${median(raw).toFixed(0)} ms  (runs: ${raw.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`vault unlock            median ${median(unlock).toFixed(0)} ms  (runs: ${unlock.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`ratio unlock / raw KDF  ${(median(unlock) / median(raw)).toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
