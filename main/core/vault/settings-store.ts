import type Database from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { systemClock, type Clock } from '../clock';
import { WorkbenchError } from '../errors';

/** Vault-wide settings (mirrors the contract's `Settings`). */
export interface WorkbenchSettings {
  /** Minutes of inactivity after which the vault locks itself. */
  autoLockMinutes: number;
}

/** A partial update; absent keys keep their value. */
export type SettingsPatch = Partial<WorkbenchSettings>;

export const AUTO_LOCK_RANGE = { min: 1, max: 240, default: 15 } as const;

const DEFAULTS: WorkbenchSettings = { autoLockMinutes: AUTO_LOCK_RANGE.default };

const isAutoLock = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= AUTO_LOCK_RANGE.min && value <= AUTO_LOCK_RANGE.max;

/** Current settings; a missing or invalid stored value falls back to its default rather than failing the unlock. */
export function readSettings(db: Database.Database): WorkbenchSettings {
  const rows = db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
  const settings = { ...DEFAULTS };
  for (const row of rows) {
    if (row.key === 'autoLockMinutes') {
      const value = safeParse(row.value_json);
      if (isAutoLock(value)) settings.autoLockMinutes = value;
    }
  }
  return settings;
}

/**
 * Applies `patch` and records `settings.update` with before/after in the same transaction. Ranges are
 * re-checked here even though the IPC boundary validates too: the CLI and later hosts call this directly.
 * A patch that changes nothing writes nothing.
 */
export function updateSettings(
  db: Database.Database,
  actor: string,
  patch: SettingsPatch,
  now: Clock = systemClock,
): WorkbenchSettings {
  for (const key of Object.keys(patch)) {
    if (key !== 'autoLockMinutes') throw new WorkbenchError('INVALID_INPUT', `Unknown setting "${key}".`);
  }
  if (patch.autoLockMinutes !== undefined && !isAutoLock(patch.autoLockMinutes)) {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `Auto-lock must be a whole number of minutes from ${AUTO_LOCK_RANGE.min} to ${AUTO_LOCK_RANGE.max}.`,
    );
  }
  return db
    .transaction(() => {
      const before = readSettings(db);
      const after: WorkbenchSettings = { ...before, ...definedOnly(patch) };
      if (after.autoLockMinutes === before.autoLockMinutes) return before;
      const at = now();
      return mutate(db, { at, actor, action: 'settings.update', target: 'settings', before, after }, () => {
        db.prepare(
          `INSERT INTO settings (key, value_json, updated_at) VALUES ('autoLockMinutes', ?, ?)
           ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
        ).run(JSON.stringify(after.autoLockMinutes), at.toISOString());
        return after;
      });
    })
    .immediate();
}

function definedOnly(patch: Partial<WorkbenchSettings>): Partial<WorkbenchSettings> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
