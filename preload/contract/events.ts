/** Pushes from the core to the renderer; request/response never travels this way. */
export type LiaisonEvent =
  | { type: 'vault:locked'; reason: 'idle' | 'user' }
  | { type: 'vault:unlocked' };

export const EVENT_CHANNEL = 'liaison:event';
