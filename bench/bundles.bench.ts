import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addTrustedKey, ensureIdentity, exportBundle, importBundle, toPublic } from '../main/core/bundles';
import { readBundleFile } from '../main/core/bundles/bundle-file-reader';
import { importPaths } from '../main/core/ingest/import/import-job';
import { indexImportedIndicators } from '../main/core/triage';
import { createVault } from '../main/core/vault';
import { syntheticIndicators } from './lib/synthetic-indicators';
import { writeStixBundle } from './lib/write-formats';

const PASSPHRASE = 'bench passphrase, not a secret';
const KDF = { N: 2 ** 14, r: 8, p: 1 };

/**
 * Issue #12 speed target: export, sign and encrypt N indicators (default 100k); then verify, decrypt and
 * import them into a fresh vault; against a plain import of the very same STIX bundle (bundle.json as
 * it travels inside the file) into another fresh vault, in the same run. Target: the bundle import within
 * 1.3x of the plain one. `--count N` for another size; `--rounds R` (default 2) alternates the two
 * imports R times, each into new vaults, and compares the best of each: on a machine shared with other
 * work one slow round says more about the neighbours than about the code. The load average is printed.
 */
export async function main(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const count = option('--count', 100_000);
  const rounds = Math.max(1, option('--rounds', 2));
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-bundles-'));
  try {
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`preparing vault A with ${count.toLocaleString('en')} indicators in ${dir} ...`);
    const source = join(dir, 'source.json');
    await writeStixBundle(source, syntheticIndicators(count));
    const a = await createVault(join(dir, 'a'), PASSPHRASE, { actor: 'alice', kdf: KDF });
    const at = () => ({ actor: 'bench', at: new Date() });
    await importPaths(a.db, [source], { format: 'stix', actor: 'alice', indexing: indexImportedIndicators });
    const aliceIdentity = await ensureIdentity(a.db, at());
    // One receiving vault per round, all recipients of the one bundle, each trusting A.
    const receivers = [];
    for (let round = 0; round < rounds; round++) {
      const vault = await createVault(join(dir, `b${round}`), PASSPHRASE, { actor: 'bob', kdf: KDF });
      const identity = await ensureIdentity(vault.db, at());
      addTrustedKey(a.db, at(), toPublic(identity));
      addTrustedKey(vault.db, at(), toPublic(aliceIdentity));
      receivers.push({ vault, identity });
    }

    const file = join(dir, 'to-bob.liaison');
    let t = performance.now();
    const exported = await exportBundle(a.db, at(), { out: file, tlpMax: 'amber', recipients: receivers.map((r) => r.identity.fingerprint) });
    const exportSeconds = (performance.now() - t) / 1000;
    console.log(`export+sign+encrypt  ${exported.indicators.toLocaleString('en').padStart(9)} indicators  ${exportSeconds.toFixed(2).padStart(6)} s  ${(statSync(file).size / 1e6).toFixed(1)} MB file, ${exported.custodyEntries} custody entries, ${rounds} recipient(s)`);

    // The baseline imports exactly the STIX bytes the bundle carries.
    const bob = receivers[0]!.identity;
    const opened = await readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: true });
    const plainFile = join(dir, 'bundle.json');
    writeFileSync(plainFile, opened.stix!);

    // Both timed imports run the same importer: warm it (JIT, worker start-up) on other data first, so
    // the plain import, which runs first, is not charged for the cold start the bundle import skips.
    const warmSource = join(dir, 'warm.json');
    await writeStixBundle(warmSource, syntheticIndicators(Math.min(5000, count), 7));
    const warm = await createVault(join(dir, 'warm'), PASSPHRASE, { actor: 'bob', kdf: KDF });
    await importPaths(warm.db, [warmSource], { format: 'stix', strict: true, actor: 'bob', indexing: indexImportedIndicators });
    warm.close();

    const plainTimes: number[] = [];
    const bundleTimes: number[] = [];
    for (const [round, { vault, identity }] of receivers.entries()) {
      const plainVault = await createVault(join(dir, `plain${round}`), PASSPHRASE, { actor: 'bob', kdf: KDF });
      t = performance.now();
      const plain = await importPaths(plainVault.db, [plainFile], { format: 'stix', strict: true, actor: 'bob', indexing: indexImportedIndicators });
      plainTimes.push((performance.now() - t) / 1000);
      plainVault.close();
      t = performance.now();
      const imported = await importBundle(vault.db, at(), file, { acceptUnknownSigner: false, indexing: indexImportedIndicators });
      bundleTimes.push((performance.now() - t) / 1000);
      vault.close();
      console.log(`round ${round + 1}: plain STIX import ${plain.indicators_new.toLocaleString('en')} indicators ${plainTimes.at(-1)!.toFixed(2)} s; verify+decrypt+import ${imported.result.indicatorsNew.toLocaleString('en')} indicators ${bundleTimes.at(-1)!.toFixed(2)} s (of ${identity.fingerprint})`);
      if (imported.result.indicatorsNew !== plain.indicators_new) console.log(`  warning: plain imported ${plain.indicators_new}, bundle ${imported.result.indicatorsNew}`);
    }
    const plainSeconds = Math.min(...plainTimes);
    const bundleSeconds = Math.min(...bundleTimes);
    console.log(`plain STIX import     best of ${rounds}  ${plainSeconds.toFixed(2).padStart(6)} s`);
    console.log(`verify+decrypt+import best of ${rounds}  ${bundleSeconds.toFixed(2).padStart(6)} s`);

    // The bundle's own cost, without the import it feeds: what the ratio is made of on a quiet machine.
    t = performance.now();
    await readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: true });
    const openSeconds = (performance.now() - t) / 1000;
    console.log(`verify+decrypt only  ${openSeconds.toFixed(2).padStart(18)} s  (${((openSeconds / plainSeconds) * 100).toFixed(0)}% of the plain import)`);

    const ratio = bundleSeconds / plainSeconds;
    console.log(`ratio bundle import / plain import: ${ratio.toFixed(2)}x (target <= 1.30x)`);
    console.log(ratio <= 1.3 ? 'RESULT: meets target' : 'RESULT: below target');
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    a.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
