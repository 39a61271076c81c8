import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../vault';
import { listTagSuggestions } from './tag-suggestions';

const made: string[] = [];
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('listTagSuggestions (issue #17.7)', () => {
  it('folds case into the most used spelling and orders by use', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-tags-'));
    made.push(dir);
    const vault = await createVault(path.join(dir, 'vault'), 'a passphrase for tests', { actor: 'test', kdf: { N: 2 ** 14, r: 8, p: 1 } });
    open.push(vault);
    const db = vault.db;
    const now = '2024-06-01T00:00:00.000Z';
    const insert = db.prepare("INSERT INTO indicators (type, value, tlp_rank, created_at, updated_at) VALUES ('domain', ?, 1, ?, ?)");
    const tag = db.prepare('INSERT INTO indicator_tags (indicator_id, tag) VALUES (?, ?)');
    for (let i = 0; i < 5; i++) {
      const id = Number(insert.run(`host-${i}.example`, now, now).lastInsertRowid);
      tag.run(id, i < 3 ? 'type:OSINT' : 'type:osint');
      if (i < 2) tag.run(id, 'misp-galaxy:ransomware="Conti"');
    }
    expect(listTagSuggestions(db)).toEqual([
      { tag: 'type:OSINT', count: 5 },
      { tag: 'misp-galaxy:ransomware="Conti"', count: 2 },
    ]);
    expect(listTagSuggestions(db, 1)).toHaveLength(1);
  });
});
