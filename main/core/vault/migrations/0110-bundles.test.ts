import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0110 bundles', () => {
  it('migrates from version 70 keeping indicators and sources, and adds the identity, trust and bundle tables', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 70 });
    db.prepare("INSERT INTO sources (id, name, format, analyst, default_tlp, imported_at) VALUES (1, 'feed', 'stix', 'ana', 'amber', 'now')").run();
    db.prepare("INSERT INTO indicators (id, type, value, tlp_rank, created_at, updated_at) VALUES (1, 'domain', 'example.org', 2, 'now', 'now')").run();

    migrate(db, { target: 110 });

    expect(readSchemaVersion(db)).toBe(110);
    expect(db.prepare('SELECT count(*) FROM indicators').pluck().get()).toBe(1);
    const identity = "INSERT INTO vault_identity (id, stix_id, analyst, organisation, sign_public, sign_secret, age_recipient, age_identity, fingerprint, created_at) VALUES (?, 's', 'a', 'o', 'p', 's', 'r', 'i', 'f', 'now')";
    db.prepare(identity).run(1);
    expect(() => db.prepare(identity).run(2)).toThrow(/CHECK/);
    db.prepare("INSERT INTO bundle_imports (bundle_id, source_id, signer_fingerprint, signer_name, signer_trusted, imported_at, imported_by, custody_json) VALUES ('b', 1, 'f', 'n', 1, 'now', 'ana', '{}')").run();
    expect(() => db.prepare("INSERT INTO bundle_imports (bundle_id, source_id, signer_fingerprint, signer_name, signer_trusted, imported_at, imported_by, custody_json) VALUES ('b', 1, 'f', 'n', 2, 'now', 'ana', '{}')").run()).toThrow(/CHECK/);
  });
});
