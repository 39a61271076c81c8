/**
 * A sync profile as the app shows it, with no dependencies, so the IPC contract (and through it the renderer)
 * imports it with `import type` instead of keeping a copy that drifts.
 */
import type { TlpLevel } from '../indicators/tlp-level';

/** A profile as shown anywhere: never the secret or the CA text, only whether they are set. */
export interface SyncProfile {
  id: number;
  name: string;
  discoveryUrl: string;
  apiRootUrl: string | null;
  pushCollection: string;
  pullCollections: string[];
  auth: 'none' | 'basic' | 'bearer';
  user: string | null;
  customCa: boolean;
  tlpMax: TlpLevel;
  createdAt: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}
