import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import { WorkbenchSession } from '../../main/core/session';
import { applyBulkChange } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { fakeTimers } from '../helpers/fake-timers';
import { createImportVault, importFiles } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';
import { openRawVaultDb } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-busy-');
afterEach(() => dirs.cleanup());

describe('a vault busy in another process (issue #15 item 11)', () => {
  // Reproduction: an import that met another process's write lock reported "database is locked" as a
  // problem with the file, then advised `--partial`, which cannot help.
  it('stops an import with BUSY "the vault is busy in another window or command; try again", not a file problem', async () => {
    const dir = dirs.make();
    const vault = await createImportVault(dir);
    const file = path.join(dir, 'hosts.txt');
    fs.writeFileSync(file, 'bad-lantern.example\n');
    const other = await openRawVaultDb(vault.location, 'import test passphrase');
    try {
      other.exec('BEGIN IMMEDIATE');
      vault.db.pragma('busy_timeout=50');
      await expect(importFiles(vault, [file])).rejects.toMatchObject({
        code: 'BUSY',
        message: 'The vault is busy in another window or command; try again.',
      });
      other.exec('ROLLBACK');
      expect(vault.reader.prepare('SELECT count(*) FROM indicators').pluck().get()).toBe(0);
    } finally {
      other.close();
      vault.close();
    }
  });

  // Reproduction: the time was read before the write lock was taken, so a write that waited for another
  // window was dated before the write that held the lock, and audit times ran against audit ids.
  it('stamps a triage write with the time it holds the lock, not the time it was asked for', async () => {
    const timers = fakeTimers();
    const location = path.join(dirs.make(), 'vault');
    const session = new WorkbenchSession({ location, actor: 'ana', now: timers.now, timers });
    await session.create('a long enough passphrase');
    const [id] = seedIndicators(session.writableDb(), [{ type: 'domain', value: 'a.example' }]);
    const author = session.author();
    timers.advance(5_000);
    const expected = timers.now().toISOString();
    applyBulkChange(session.writableDb(), author, { ids: [id!] }, { status: 'malicious', addTags: [], removeTags: [] });
    expect(listAudit(session.db(), { limit: 1 })[0]!.at).toBe(expected);
    session.lock('user');
  });
});
