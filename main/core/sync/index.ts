/** Sync over TAXII 2.1: profiles, the outbox, pull and push steps, conflicts, status. */
export { addSyncProfile, listSyncProfiles, removeSyncProfile, requireSyncProfile, requireSyncProfileSecrets } from './sync-profiles';
export type { SyncProfile, SyncProfileInput } from './sync-profiles';
export { enqueueObject, targetProfiles } from './outbox';
export type { EnqueueOutcome } from './outbox';
export { shareIndicators } from './share-indicators';
export type { ShareResult } from './share-indicators';
export { runSync, readCaFile } from './sync-run';
export type { ProfileRunReport, SyncRunOptions } from './sync-run';
export type { SyncProgress } from './sync-context';
export { syncStatus } from './sync-status';
export type { ProfileSyncStatus } from './sync-status';
export { listConflicts, resolveConflict } from './conflicts';
export type { ConflictResolution, SyncConflict } from './conflicts';
export { testConnection } from './test-connection';
export type { ConnectionReport, ConnectionTarget } from './test-connection';
export { TaxiiError } from './taxii-error';
export type { TaxiiCredentials } from './taxii-http';
