import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BriefingService,
  describeTechniques,
  listCatalogues,
  listTactics,
  readAttackBundle,
  searchTechniques,
  storeAttackBundle,
} from '../../main/core/briefings';
import { createVault, type Vault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-attack-');
afterEach(() => dirs.cleanup());
const FIXTURES = path.resolve(__dirname, '../fixtures/attack');
const ENTERPRISE = path.join(FIXTURES, 'enterprise-attack-mini.json');

async function openVault(): Promise<Vault> {
  return createVault(path.join(dirs.make(), 'vault'), 'attack test passphrase', { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
}

function snapshot(vault: Vault) {
  return {
    audit: vault.db.prepare('SELECT count(*) FROM audit_entries').pluck().get(),
    techniques: vault.db.prepare('SELECT technique_id, name FROM attack_techniques ORDER BY technique_id').all(),
    catalogues: vault.db.prepare('SELECT domain, version, file_sha256 FROM attack_catalogues ORDER BY domain').all(),
  };
}

describe('ATT&CK catalogue', () => {
  it('loads techniques and tactics of a bundle in the real ATT&CK shape, skipping revoked and deprecated ones', async () => {
    const vault = await openVault();
    const bundle = await readAttackBundle(ENTERPRISE);
    expect(bundle.skipped).toBe(2);
    const result = storeAttackBundle(vault.db, { actor: 'ana', at: vault.now() }, bundle);
    expect(result.catalogues).toEqual([{ domain: 'enterprise-attack', version: '16.1', techniques: 4, tactics: 3, outcome: 'new' }]);
    expect(listTactics(vault.db).map((t) => t.shortname)).toEqual(['initial-access', 'execution', 'persistence']);
    expect(listCatalogues(vault.db)).toEqual([
      expect.objectContaining({ domain: 'enterprise-attack', version: '16.1', fileName: 'enterprise-attack-mini.json', techniques: 4, tactics: 3, loadedBy: 'ana' }),
    ]);

    expect(searchTechniques(vault.db, 't1566').map((t) => t.id)).toEqual(['T1566', 'T1566.001']);
    expect(searchTechniques(vault.db, 'spearphishing attach')).toEqual([
      { id: 'T1566.001', name: 'Spearphishing Attachment', domain: 'enterprise-attack', tactics: ['initial-access'], url: 'https://attack.mitre.org/techniques/T1566/001', isSubtechnique: true },
    ]);
    expect(searchTechniques(vault.db, 'T1193')).toEqual([]);
    expect(searchTechniques(vault.db, '100%_')).toEqual([]);
    expect(describeTechniques(vault.db, ['T1053', 'T9999'])).toEqual([
      { id: 'T1053', name: 'Scheduled Task/Job', tactics: ['execution', 'persistence'], url: 'https://attack.mitre.org/techniques/T1053' },
      { id: 'T9999', name: null, tactics: [], url: null },
    ]);

    const again = storeAttackBundle(vault.db, { actor: 'ana', at: vault.now() }, await readAttackBundle(ENTERPRISE));
    expect(again.catalogues[0]!.outcome).toBe('unchanged');
    const ics = storeAttackBundle(vault.db, { actor: 'ana', at: vault.now() }, await readAttackBundle(path.join(FIXTURES, 'ics-attack-mini.json')));
    expect(ics.catalogues).toEqual([{ domain: 'ics-attack', version: '16.1', techniques: 1, tactics: 1, outcome: 'new' }]);
    expect(searchTechniques(vault.db, 'spearphishing').map((t) => `${t.domain}:${t.id}`)).toEqual(['enterprise-attack:T1566.001', 'ics-attack:T0865']);
    expect(vault.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'attack.load'").pluck().get()).toBe(2);

    const service = new BriefingService({ reader: () => vault.db, writer: () => vault.db, author: () => ({ actor: 'ana', at: vault.now() }), changed: () => undefined });
    const b = service.create({ title: 'Techniques' });
    const saved = service.save(b.id, { patch: { techniques: ['T1566.001', 'T0865', 'T1999'] } });
    expect(saved.techniqueDetails.map((t) => [t.id, t.name, t.tactics])).toEqual([
      ['T1566.001', 'Spearphishing Attachment', ['initial-access']],
      ['T0865', 'Spearphishing Attachment', ['initial-access-ics']],
      ['T1999', null, []],
    ]);
    vault.close();
  });

  it('a corrupt, truncated or foreign file gives a clear error naming the file and place, and changes nothing', async () => {
    const vault = await openVault();
    storeAttackBundle(vault.db, { actor: 'ana', at: vault.now() }, await readAttackBundle(ENTERPRISE));
    const before = snapshot(vault);
    const dir = dirs.make();
    const text = fs.readFileSync(ENTERPRISE, 'utf8');

    const truncated = path.join(dir, 'enterprise-attack.json');
    fs.writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    await expect(readAttackBundle(truncated)).rejects.toThrow(/^enterprise-attack\.json: .*Nothing was loaded\.$/);

    const garbage = path.join(dir, 'garbage.json');
    fs.writeFileSync(garbage, text.replace('"name": "Phishing"', '"name": Phishing'));
    await expect(readAttackBundle(garbage)).rejects.toThrow(/^garbage\.json: byte \d+ \(line \d+\)/);

    const foreign = path.join(dir, 'indicators.json');
    fs.writeFileSync(foreign, JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [{ type: 'indicator', id: 'indicator--1' }] }));
    await expect(readAttackBundle(foreign)).rejects.toThrow('indicators.json holds no ATT&CK techniques');

    const notBundle = path.join(dir, 'list.json');
    fs.writeFileSync(notBundle, JSON.stringify([1, 2, 3]));
    await expect(readAttackBundle(notBundle)).rejects.toThrow('list.json is not a STIX bundle');
    await expect(readAttackBundle(path.join(dir, 'missing.json'))).rejects.toThrow('missing.json: no such file.');

    expect(snapshot(vault)).toEqual(before);
    vault.close();
  });
});
