/**
 * A sync profile and a connection test report as the app shows them, with no dependencies, so the IPC contract (and
 * through it the renderer) imports them with `import type` instead of keeping copies that drift.
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

/** What "Test connection" shows, step by step: each step's result, or the first failure in words. */
export interface ConnectionReport {
  ok: boolean;
  discovery?: { title: string; apiRoots: string[] };
  apiRoot?: { url: string; title: string; maxContentLength: number };
  collections?: { id: string; title: string; canRead: boolean; canWrite: boolean }[];
  push?: { collection: string; canWrite: boolean; found: boolean };
  pull?: { collection: string; canRead: boolean; found: boolean }[];
  error?: string;
}
