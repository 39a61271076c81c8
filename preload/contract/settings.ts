import { z } from 'zod';
import { channel, Empty } from './channel';

export interface Settings {
  /** Minutes of inactivity after which the vault locks itself. */
  autoLockMinutes: number;
}

export const AUTO_LOCK_MINUTES = { min: 1, max: 240, default: 15 } as const;

const SettingsUpdate = z
  .object({
    autoLockMinutes: z.number().int().min(AUTO_LOCK_MINUTES.min).max(AUTO_LOCK_MINUTES.max).optional(),
  })
  .strict();

export const settingsChannels = {
  'settings:get': channel<typeof Empty, Settings>(Empty),
  'settings:update': channel<typeof SettingsUpdate, Settings>(SettingsUpdate),
};
