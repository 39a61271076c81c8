import fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeTimers } from '../../../test/helpers/fake-timers';
import { ingestFixture } from '../../../test/helpers/import-vault';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { dumpVault } from '../../../test/helpers/vault-dump';
import { importPaths } from '../ingest/import/import-job';
import { WorkbenchSession } from '../session';
import { publicIdentityFile } from './public-identity-file';

const dirs = tempDirs('liaison-bundle-service-');
afterEach(() => dirs.cleanup());
const PASSPHRASE = 'a long enough passphrase';

async function openSession(actor: string, exportFolder?: string): Promise<WorkbenchSession> {
  const timers = fakeTimers();
  const session = new WorkbenchSession({ location: join(dirs.make(), 'vault'), actor, now: timers.now, timers, ...(exportFolder ? { exportFolder } : {}) });
  await session.create(PASSPHRASE);
  return session;
}

describe('BundleService in a session (what the Bundles screen calls)', () => {
  it('trusts only the fingerprint that was shown, exports to the export folder, verifies, and imports once per ticket', async () => {
    const exportFolder = dirs.make();
    const [alice, bob] = await Promise.all([openSession('alice', exportFolder), openSession('bob')]);
    const aliceId = await alice.bundles.identity();
    const bobId = await bob.bundles.identity();

    const preview = bob.bundles.previewTrust(bob.grantFiles([{ kind: 'bytes', name: 'alice.pub.json', bytes: Buffer.from(publicIdentityFile(aliceId)) }]));
    expect(preview.identity.fingerprint).toBe(aliceId.fingerprint);
    expect(() => bob.bundles.confirmTrust(preview.ticket, bobId.fingerprint)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(bob.bundles.confirmTrust(preview.ticket, aliceId.fingerprint, 'Alpha')).toMatchObject({ name: 'Alpha' });
    expect(() => bob.bundles.confirmTrust(preview.ticket, aliceId.fingerprint)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const bobFile = alice.bundles.previewTrust(alice.grantFiles([{ kind: 'bytes', name: 'bob.pub.json', bytes: Buffer.from(publicIdentityFile(bobId)) }]));
    alice.bundles.confirmTrust(bobFile.ticket, bobId.fingerprint);

    await importPaths(alice.requireVault().db, [ingestFixture('stix', 'bundle-2.1.json')], { format: 'stix', actor: 'alice' });
    const exported = await alice.bundles.export({ tlpMax: 'amber', recipients: [bobId.fingerprint], plain: false });
    // The core names the file after the bundle, in the folder the host hands files out of (names: exports.test).
    expect(exported).toMatchObject({ file: `bundle-${exported.bundleId.slice('bundle--'.length)}.liaison`, kind: 'encrypted' });
    expect(fs.readdirSync(exportFolder)).toEqual([exported.file]);
    expect(fs.existsSync(join(alice.location, 'exports'))).toBe(false);
    const path = join(exportFolder, exported.file);

    const checked = await bob.bundles.verify(bob.grantFiles([{ kind: 'path', path, name: 'to-bob.liaison', size: fs.statSync(path).size }]));
    expect(checked.report).toMatchObject({ ok: true, signer: { trusted: true, trustedAs: 'Alpha' } });
    // Locking forgets verified files: after unlocking, the analyst must choose (and see) the file again.
    bob.lock('user');
    await bob.unlock(PASSPHRASE);
    await expect(bob.bundles.import(checked.ticket!, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await bob.bundles.verify(bob.grantFiles([{ kind: 'bytes', name: 'to-bob.liaison', bytes: fs.readFileSync(path) }]));
    const imported = await bob.bundles.import(again.ticket!, false);
    expect(imported.indicatorsNew).toBe(exported.indicators);
    expect(imported.custody.at(-1)).toMatchObject({ action: 'received', actor: 'bob' });
    await expect(bob.bundles.import(again.ticket!, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(bob.bundles.listImports()).toHaveLength(1);

    // A plain bundle for MISP or OpenCTI gets its own name; the session's default folder is the vault's exports/.
    const plain = await bob.bundles.export({ tlpMax: 'amber', recipients: [], plain: true });
    expect(plain.file).toBe(`bundle-${plain.bundleId.slice('bundle--'.length)}.stix.json`);
    expect(JSON.parse(fs.readFileSync(join(bob.location, 'exports', plain.file), 'utf8'))).toMatchObject({ type: 'bundle', id: plain.bundleId });
    alice.lock('user');
    bob.lock('user');
  });

  it('the confirmation applies to the bundle that was shown: a file swapped on disk after verify is not imported', async () => {
    const exportFolder = dirs.make();
    const [alice, mallory, bob] = await Promise.all([openSession('alice', exportFolder), openSession('mallory', exportFolder), openSession('bob')]);
    for (const producer of [alice, mallory]) {
      await importPaths(producer.requireVault().db, [ingestFixture('stix', 'bundle-2.1.json')], { format: 'stix', actor: 'ana' });
    }
    const fromAlice = join(exportFolder, (await alice.bundles.export({ tlpMax: 'amber', recipients: [], plain: false })).file);
    const fromMallory = join(exportFolder, (await mallory.bundles.export({ tlpMax: 'amber', recipients: [], plain: false })).file);
    const bobDb = bob.requireVault().db;
    const before = dumpVault(bobDb);

    const shared = join(dirs.make(), 'from-partner.liaison');
    fs.copyFileSync(fromAlice, shared);
    const checked = await bob.bundles.verify(bob.grantFiles([{ kind: 'path', path: shared, name: 'from-partner.liaison', size: fs.statSync(shared).size }]));
    expect(checked.report).toMatchObject({ ok: true, signer: { fingerprint: (await alice.bundles.identity()).fingerprint, trusted: false } });
    // Between the verify screen and "Import", someone puts another validly signed bundle in its place.
    fs.copyFileSync(fromMallory, shared);
    await expect(bob.bundles.import(checked.ticket!, true)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('no longer the bundle that was verified') });
    expect(dumpVault(bobDb)).toBe(before);

    fs.copyFileSync(fromAlice, shared);
    expect((await bob.bundles.import(checked.ticket!, true)).indicatorsNew).toBeGreaterThan(0);
    for (const session of [alice, mallory, bob]) session.lock('user');
  });
});
