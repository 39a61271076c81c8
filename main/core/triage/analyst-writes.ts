/** Local analyst profiles (assignees). Audited like every other change. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import type { TriageAuthor } from './bulk-change';

const HANDLE_RE = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** Adds a profile; INVALID_INPUT for a bad or taken handle. Returns its id. */
export function addAnalyst(db: Database, author: TriageAuthor, profile: { handle: string; displayName?: string }): number {
  if (!HANDLE_RE.test(profile.handle)) throw new WorkbenchError('INVALID_INPUT', 'A handle is 1-64 letters, digits, ".", "_", "@" or "-".');
  if (db.prepare('SELECT 1 FROM analysts WHERE handle = ?').get(profile.handle)) {
    throw new WorkbenchError('INVALID_INPUT', `An analyst profile "${profile.handle}" already exists.`);
  }
  return mutate(
    db,
    (id: number) => ({ at: author.at, actor: author.actor, action: 'analyst.add', target: `analyst:${id}`, after: profile }),
    () =>
      Number(
        db
          .prepare('INSERT INTO analysts (handle, display_name, created_at) VALUES (?, ?, ?)')
          .run(profile.handle, profile.displayName ?? null, author.at.toISOString()).lastInsertRowid,
      ),
  );
}
