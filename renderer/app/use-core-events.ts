import { useEffect } from 'react';
import { useImportStore } from '../features/import/import-store';
import { useSyncStore } from '../features/sync/sync-store';
import { useVaultStore } from '../features/vault-access/vault-store';
import { useVaultChangesStore } from './vault-changes-store';

/** Follows pushes from the core (idle lock, a lock or unlock from another window, import jobs) for the app's lifetime. */
export function useCoreEvents(): void {
  useEffect(() => {
    const bridge = window.liaison;
    if (!bridge) return;
    return bridge.events.subscribe((event) => {
      useVaultStore.getState().handleEvent(event);
      useImportStore.getState().handleEvent(event);
      if (event.type === 'vault:changed') useVaultChangesStore.getState().changed();
      useSyncStore.getState().handleEvent(event);
    });
  }, []);
}
