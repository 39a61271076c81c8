import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, mutate } from '../../main/core/audit';
import { changePassphrase, createVault, unlockVault, updateSettings } from '../../main/core/vault';
import { findMarkers, listFiles, makeMarkers } from '../helpers/plaintext-scan';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-plain-');
afterEach(() => dirs.cleanup());

/**
 * What an analyst stores must never reach disk in the clear: not in vault.db, not in the WAL, not in the
 * shared-memory index, not in the keyring, and not in SQLite temp files (temp_store=MEMORY).
 */
describe('no plaintext on disk', () => {
  it('finds no marker in any vault file while open (WAL non-empty) and after close, nor in new tmpdir files', async () => {
    const startedMs = Date.now() - 1000;
    const location = path.join(dirs.make(), 'vault');
    const markers = makeMarkers(6);
    const [actorMarker, targetMarker, beforeMarker, afterMarker, bulkMarker, passMarker] = markers as [string, string, string, string, string, string];
    const passphrase = `pass-${passMarker}`;
    const vault = await createVault(location, passphrase, { actor: actorMarker, now: steppingClock(), kdf: FAST_KDF });

    appendAudit(vault.db, { at: vault.now(), actor: actorMarker, action: 'indicator.tag', target: targetMarker, before: { note: beforeMarker }, after: { note: afterMarker } });
    mutate(vault.db, { at: vault.now(), actor: actorMarker, action: 'test.bulk', target: targetMarker }, () => {
      // Enough rows to spill to many pages, and a sort big enough that SQLite would use a temp file on disk
      // if temp_store were not MEMORY.
      for (let i = 0; i < 2000; i += 1) appendAudit(vault.db, { at: vault.now(), actor: actorMarker, action: 'test.row', target: `${bulkMarker}-${i}` });
      vault.db.prepare('SELECT target FROM audit_entries ORDER BY target DESC, random()').all();
    });
    updateSettings(vault.db, actorMarker, { autoLockMinutes: 33 }, vault.now);

    const wal = path.join(location, 'vault.db-wal');
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    const whileOpen = listFiles(location);
    expect(whileOpen.map((f) => path.basename(f)).sort()).toEqual(['keyring.json', 'vault.db', 'vault.db-shm', 'vault.db-wal']);
    expect(findMarkers(whileOpen, markers)).toEqual([]);

    vault.close();
    await changePassphrase(location, passphrase, `next-${passMarker}`, { actor: actorMarker, kdf: FAST_KDF });
    const afterClose = listFiles(location);
    expect(afterClose.map((f) => path.basename(f)).sort()).toEqual(['keyring.json', 'vault.db']);
    expect(findMarkers(afterClose, markers)).toEqual([]);

    // Sanity check of the scanner itself: the markers really are in the vault, just encrypted.
    const reopened = await unlockVault(location, `next-${passMarker}`, { actor: 'ana' });
    expect(reopened.db.prepare('SELECT count(*) FROM audit_entries WHERE target LIKE ?').pluck().get(`${bulkMarker}%`)).toBe(2000);
    reopened.close();

    const newTempFiles = listFiles(os.tmpdir(), { sinceMs: startedMs, maxBytes: 64 * 1024 * 1024 });
    expect(findMarkers(newTempFiles, markers)).toEqual([]);
  });

  it('the scanner does find markers in a plaintext file (no false negatives in UTF-8 or UTF-16LE)', () => {
    const dir = dirs.make();
    const [a, b] = makeMarkers(2) as [string, string];
    fs.writeFileSync(path.join(dir, 'utf8.txt'), `xx${a}yy`);
    fs.writeFileSync(path.join(dir, 'utf16.txt'), Buffer.from(`xx${b}yy`, 'utf16le'));
    expect(findMarkers(listFiles(dir), [a, b])).toHaveLength(2);
  });
});
