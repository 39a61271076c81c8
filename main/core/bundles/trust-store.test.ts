import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { createImportVault } from '../../../test/helpers/import-vault';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { dumpVault } from '../../../test/helpers/vault-dump';
import { identityFingerprint } from './fingerprint';
import { ensureIdentity, toPublic } from './identity';
import { parseMinisignPublicKey } from './minisign';
import { addTrustedKey } from './trust-store';

const dirs = tempDirs('liaison-trust-store-');
afterAll(() => dirs.cleanup());

describe('trust', () => {
  it('refuses a second identity with an already trusted signing key by name, not with a database error', async () => {
    const a = await createImportVault(dirs.make());
    const b = await createImportVault(dirs.make());
    const at = () => ({ actor: 'ana', at: a.now() });
    const alice = toPublic(await ensureIdentity(a.db, at()));
    // The partner's earlier identity: the same signing key with another age key (so another fingerprint).
    const olderAge = await identityToRecipient(await generateX25519Identity());
    const older = { ...alice, ageRecipient: olderAge, fingerprint: identityFingerprint(parseMinisignPublicKey(alice.minisignPublicKey)!, olderAge) };
    addTrustedKey(b.db, at(), older, 'Alpha (old key)');
    const audit = dumpVault(b.db);
    expect(() => addTrustedKey(b.db, at(), alice, 'Alpha')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`already trusted as "Alpha (old key)" (${older.fingerprint}) with another encryption key`) }),
    );
    expect(dumpVault(b.db)).toBe(audit);
    a.close();
    b.close();
  });
});
