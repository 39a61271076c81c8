import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createImportVault, importFiles, ingestFixture } from '../../../test/helpers/import-vault';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { dumpVault } from '../../../test/helpers/vault-dump';
import { indexImportedIndicators } from '../triage';
import { exportBundle } from './bundle-export';
import { importBundle } from './bundle-import';
import { ensureIdentity, toPublic } from './identity';
import { addTrustedKey } from './trust-store';

const dirs = tempDirs('liaison-bundle-import-');
afterAll(() => dirs.cleanup());

type Dump = Record<string, string[]>;

/** Rows added to or removed from each table between two dumps (a changed row counts as both). */
function changes(before: Dump, after: Dump): Record<string, { added: string[]; removed: string[] }> {
  const out: Record<string, { added: string[]; removed: string[] }> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    // The full-text index's shadow tables are derived from the rows compared here (re-indexing the
    // merged indicators rewrites its segments even when the text is the same).
    if (table.startsWith('indicator_search_')) continue;
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length || removed.length) out[table] = { added, removed };
  }
  return out;
}

describe('importing the same bundle twice', () => {
  it('changes nothing but a sighting: a new source, its sightings, the import record and its audit entry', async () => {
    const a = await createImportVault(dirs.make());
    const b = await createImportVault(dirs.make());
    await importFiles(a, [ingestFixture('stix', 'bundle-2.1.json')], { strict: false });
    const at = () => ({ actor: 'ana', at: a.now() });
    const bob = await ensureIdentity(b.db, at());
    addTrustedKey(b.db, at(), toPublic(await ensureIdentity(a.db, at())));
    addTrustedKey(a.db, at(), toPublic(bob));
    const file = path.join(dirs.make(), 'to-bob.liaison');
    await exportBundle(a.db, at(), { out: file, tlpMax: 'amber', recipients: [bob.fingerprint] });

    const first = await importBundle(b.db, { actor: 'bob', at: b.now() }, file, { acceptUnknownSigner: false, now: b.now, indexing: indexImportedIndicators });
    expect(first.result.indicatorsNew).toBeGreaterThan(3);
    const before = JSON.parse(dumpVault(b.db)) as Dump;
    const second = await importBundle(b.db, { actor: 'bob', at: b.now() }, file, { acceptUnknownSigner: false, now: b.now, indexing: indexImportedIndicators });
    expect(second.result).toMatchObject({ indicatorsNew: 0, indicatorsMerged: first.result.indicatorsNew });
    const diff = changes(before, JSON.parse(dumpVault(b.db)) as Dump);
    expect(Object.keys(diff).sort()).toEqual(['audit_entries', 'bundle_imports', 'indicator_context', 'indicator_sources', 'indicators', 'sources']);
    for (const table of ['audit_entries', 'bundle_imports', 'indicator_context', 'indicator_sources', 'sources']) expect(diff[table]!.removed, table).toEqual([]);
    expect(diff.sources!.added).toHaveLength(1);
    expect(diff.bundle_imports!.added).toHaveLength(1);
    expect(diff.audit_entries!.added.map((row) => (JSON.parse(row) as { action: string }).action).sort()).toEqual(['bundle.import', 'indicators.import']);
    const sourceId = (JSON.parse(diff.sources!.added[0]!) as { id: number }).id;
    for (const table of ['indicator_sources', 'indicator_context']) {
      expect(diff[table]!.added.map((row) => (JSON.parse(row) as { source_id: number }).source_id), table).toEqual(Array(first.result.indicatorsNew).fill(sourceId));
    }
    // Every indicator changed only by the sighting: one more, and the time of the change.
    const byId = (rows: string[]) => new Map(rows.map((row) => [(JSON.parse(row) as { id: number }).id, JSON.parse(row) as Record<string, unknown>]));
    const was = byId(diff.indicators!.removed);
    const is = byId(diff.indicators!.added);
    expect([...is.keys()].sort()).toEqual([...was.keys()].sort());
    expect(is.size).toBe(first.result.indicatorsNew);
    for (const [id, row] of is) {
      const old = was.get(id)!;
      expect({ ...row, sightings: undefined, updated_at: undefined }).toEqual({ ...old, sightings: undefined, updated_at: undefined });
      expect(row.sightings).toBe((old.sightings as number) + 1);
    }
    a.close();
    b.close();
  });
});

describe('a refused import', () => {
  it('leaves the vault exactly as it was, even one that has no identity yet', async () => {
    const a = await createImportVault(dirs.make());
    await importFiles(a, [ingestFixture('stix', 'bundle-2.1.json')], { strict: false });
    const at = () => ({ actor: 'ana', at: a.now() });
    const signed = path.join(dirs.make(), 'signed.liaison');
    await exportBundle(a.db, at(), { out: signed, tlpMax: 'amber', recipients: [] });
    const bytes = fs.readFileSync(signed);
    bytes[bytes.length - 3000] = bytes[bytes.length - 3000]! ^ 0x01;
    const tampered = path.join(dirs.make(), 'tampered.liaison');
    fs.writeFileSync(tampered, bytes);

    const fresh = await createImportVault(dirs.make());
    const before = dumpVault(fresh.db);
    await expect(importBundle(fresh.db, { actor: 'bob', at: fresh.now() }, tampered, { acceptUnknownSigner: true })).rejects.toThrow(/^Not imported: tampered\.liaison: /);
    expect(dumpVault(fresh.db)).toBe(before);
    // A valid bundle from a signer nobody confirmed is refused the same way.
    await expect(importBundle(fresh.db, { actor: 'bob', at: fresh.now() }, signed, { acceptUnknownSigner: false })).rejects.toThrow(/not in the trust store/);
    expect(dumpVault(fresh.db)).toBe(before);
    a.close();
    fresh.close();
  });
});
