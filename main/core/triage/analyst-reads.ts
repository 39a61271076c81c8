import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface AnalystProfile {
  id: number;
  handle: string;
  displayName: string | null;
  createdAt: string;
}

/** Every analyst profile, by handle. */
export function listAnalysts(db: Database): AnalystProfile[] {
  return db.prepare('SELECT id, handle, display_name AS displayName, created_at AS createdAt FROM analysts ORDER BY handle').all() as AnalystProfile[];
}
