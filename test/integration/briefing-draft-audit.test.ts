import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import { BriefingService } from '../../main/core/briefings';
import { DRAFT_BURST_MS } from '../../main/core/briefings/draft-audit';
import { createVault, type Vault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-draft-audit-');
const vaults: Vault[] = [];
afterEach(() => {
  vaults.splice(0).forEach((v) => v.close());
  dirs.cleanup();
});

/** A service whose clock and analyst the test moves. */
async function open() {
  const clock = { at: Date.parse('2026-03-01T09:00:00.000Z'), actor: 'ana' };
  const vault = await createVault(path.join(dirs.make(), 'vault'), 'draft audit passphrase', { actor: 'ana', kdf: FAST_KDF, now: () => new Date(clock.at) });
  vaults.push(vault);
  const service = new BriefingService({ reader: () => vault.db, writer: () => vault.db, author: () => ({ actor: clock.actor, at: new Date(clock.at) }), changed: () => undefined });
  const entries = (id: number) => listAudit(vault.db, { limit: 1000 }).filter((e) => e.target === `briefing:${id}`).reverse();
  return { clock, service, entries };
}

describe('autosave audit entries', () => {
  it('records one draft entry per editing burst, and the version save lists what the draft changed', async () => {
    const { clock, service, entries } = await open();
    const b = service.create({ title: 'Burst check', tlp: 'amber' });
    // Sixty autosaves, five seconds apart: five minutes of typing.
    let revision = b.revision;
    for (let n = 0; n < 60; n++) {
      clock.at += 5_000;
      revision = service.saveDraft(b.id, { summary: `typing ${n}` }, revision).revision;
    }
    clock.at += 5_000;
    service.saveDraft(b.id, { validUntil: '2026-09-01T00:00:00.000Z' }, revision);
    expect(entries(b.id).map((e) => e.action)).toEqual(['briefing.create', 'briefing.save-draft']);
    expect(entries(b.id)[1]!.after).toMatchObject({ fields: ['summary'], coversFollowingSavesMinutes: 10 });

    clock.at += 5_000;
    const saved = service.save(b.id, { note: 'done' });
    const save = entries(b.id).at(-1)!;
    expect(save.action).toBe('briefing.save');
    expect(save.after).toEqual({ version: 2, note: 'done', fields: ['summary', 'validUntil'], revision: saved.revision });
    expect(save.before).toMatchObject({ version: 1 });
    expect(saved.summary).toBe('typing 59');
  });

  it('starts a new entry after the burst window, after another analyst, and after any other change', async () => {
    const { clock, service, entries } = await open();
    const b = service.create({ title: 'Window check', tlp: 'green' });
    const draft = (summary: string): void => {
      clock.at += 1_000;
      service.saveDraft(b.id, { summary });
    };
    draft('one');
    clock.at += DRAFT_BURST_MS - 2_000;
    draft('still the same burst'); // 9:59 after the burst's entry
    draft('a new burst'); // 10:00 after it
    clock.actor = 'bo';
    draft('bo edits');
    draft('bo again');
    const drafts = entries(b.id).filter((e) => e.action === 'briefing.save-draft').map((e) => `${e.actor} ${(e.after as { fields: string[] }).fields.join()}`);
    expect(drafts).toEqual(['ana summary', 'ana summary', 'bo summary']);
    const before = entries(b.id).length;
    service.save(b.id);
    clock.actor = 'bo';
    draft('after the version');
    expect(entries(b.id).slice(before).map((e) => e.action)).toEqual(['briefing.save', 'briefing.save-draft']);
  });

  it('starts a new entry when the clock went back', async () => {
    const { clock, service, entries } = await open();
    const b = service.create({ title: 'Clock check', tlp: 'green' });
    clock.at += 60_000;
    service.saveDraft(b.id, { summary: 'later' });
    clock.at -= 120_000;
    service.saveDraft(b.id, { summary: 'earlier' });
    expect(entries(b.id).filter((e) => e.action === 'briefing.save-draft')).toHaveLength(2);
  });
});
