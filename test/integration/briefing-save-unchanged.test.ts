import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefingService } from '../../main/core/briefings';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault, type Vault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-save-unchanged-');
const vaults: Vault[] = [];
afterEach(() => {
  vaults.splice(0).forEach((v) => v.close());
  dirs.cleanup();
});

async function open(): Promise<{ vault: Vault; service: BriefingService }> {
  const vault = await createVault(path.join(dirs.make(), 'vault'), 'save unchanged passphrase', { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
  vaults.push(vault);
  return { vault, service: new BriefingService({ reader: () => vault.db, writer: () => vault.db, author: () => ({ actor: vault.actor, at: vault.now() }), changed: () => undefined }) };
}

describe('saving a version', () => {
  it('makes no version when the draft ends where the last version is, and clears the unsaved mark', async () => {
    const { service } = await open();
    const b = service.create({ title: 'Unchanged check', summary: 'as written' });
    service.saveDraft(b.id, { summary: 'typed' });
    service.saveDraft(b.id, { summary: 'as written' });
    expect(service.get(b.id).hasUnsavedDraft).toBe(true);
    const saved = service.save(b.id);
    expect(saved.version).toBe(1);
    expect(saved.hasUnsavedDraft).toBe(false);
    expect(service.save(b.id, { patch: { title: 'Unchanged check' } }).version).toBe(1);
    expect(service.versions(b.id).map((v) => v.version)).toEqual([1]);
  });

  it('still makes a version for a real change, in the content or in the attachments', async () => {
    const { vault, service } = await open();
    const [first] = seedIndicators(vault.db, [{ type: 'domain', value: 'one.example', tlpRank: 1, status: 'malicious' }]);
    const b = service.create({ title: 'Changed check' });
    expect(service.save(b.id, { patch: { summary: 'new words' } }).version).toBe(2);
    // A draft whose attachments moved without a version of their own (the service always makes one; this
    // is the guard should a future path not): the same content, other indicators, so a version is due.
    vault.db.prepare('INSERT INTO briefing_indicators (briefing_id, version, indicator_id) VALUES (?, 0, ?)').run(b.id, first!);
    vault.db.prepare('UPDATE briefings SET revision = revision + 1 WHERE id = ?').run(b.id);
    expect(service.save(b.id).version).toBe(3);
  });
});
