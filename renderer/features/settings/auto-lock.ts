import type { Settings } from '../../../preload/contract';

/**
 * Mirrors AUTO_LOCK_MINUTES in the contract: the renderer may import only types from it, so the bounds are
 * repeated here and checked against the contract's types; the core re-validates every update anyway.
 */
export const AUTO_LOCK_MINUTES = { min: 1, max: 240, default: 15 } as const satisfies Record<
  'min' | 'max' | 'default',
  Settings['autoLockMinutes']
>;
