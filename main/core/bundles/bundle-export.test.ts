import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createImportVault, importFiles, ingestFixture } from '../../../test/helpers/import-vault';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { exportBundle } from './bundle-export';
import { readBundleFile } from './bundle-file-reader';
import { ensureIdentity } from './identity';

const dirs = tempDirs('liaison-bundle-export-');
afterAll(() => dirs.cleanup());

describe('exportBundle writes the file as it streams', () => {
  it('reports the size and SHA-256 of the bytes on disk, leaves no temporary file, and never replaces a file', async () => {
    const vault = await createImportVault(dirs.make());
    await importFiles(vault, [ingestFixture('stix', 'bundle-2.1.json')], { strict: false });
    const author = () => ({ actor: 'ana', at: vault.now() });
    const self = await ensureIdentity(vault.db, author());
    const folder = dirs.make();
    for (const recipients of [[], [self.fingerprint]]) {
      const result = await exportBundle(vault.db, author(), { folder, tlpMax: 'amber', recipients });
      const bytes = fs.readFileSync(result.file);
      expect(result).toMatchObject({ kind: recipients.length ? 'encrypted' : 'signed', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(await readBundleFile(result.file, { ageIdentities: [self.ageIdentity], keepStix: false })).toMatchObject({ encrypted: recipients.length > 0 });
    }
    const plain = await exportBundle(vault.db, author(), { folder, tlpMax: 'amber', recipients: [], plain: true });
    expect(JSON.parse(fs.readFileSync(plain.file, 'utf8'))).toMatchObject({ type: 'bundle', id: plain.bundleId });
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const taken = path.join(folder, 'taken.liaison');
    fs.writeFileSync(taken, 'keep me');
    await expect(exportBundle(vault.db, author(), { out: taken, tlpMax: 'amber', recipients: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('already exists') });
    expect(fs.readFileSync(taken, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(folder)).toHaveLength(4);
    vault.close();
  });
});
