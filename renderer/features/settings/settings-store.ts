import { create } from 'zustand';
import type { AuditEntry, Settings, VaultInfo } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { useVaultStore } from '../vault-access/vault-store';

export const AUDIT_PAGE_SIZE = 50;

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; text: string } | { kind: 'failed'; text: string };

interface SettingsStoreState {
  settings: Settings | null;
  info: VaultInfo | null;
  audit: AuditEntry[];
  loadError: string | null;
  autoLockSave: SaveState;
  rekeySave: SaveState;
  load(): Promise<void>;
  loadAudit(): Promise<void>;
  saveAutoLock(minutes: number): Promise<void>;
  changePassphrase(current: string, next: string): Promise<boolean>;
}

const idle: SaveState = { kind: 'idle' };

const initial = {
  settings: null,
  info: null,
  audit: [],
  loadError: null,
  autoLockSave: idle,
  rekeySave: idle,
};

export const useSettingsStore = create<SettingsStoreState>()((set, get) => ({
  ...initial,
  async load() {
    const client = requireClient();
    try {
      const [settings, info] = await Promise.all([client.settings.get({}), client.vault.info({})]);
      set({ settings, info, loadError: null });
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
    await get().loadAudit();
  },
  async loadAudit() {
    try {
      set({ audit: await requireClient().audit.list({ limit: AUDIT_PAGE_SIZE }) });
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
  },
  async saveAutoLock(minutes) {
    set({ autoLockSave: { kind: 'saving' } });
    try {
      const settings = await requireClient().settings.update({ autoLockMinutes: minutes });
      set({ settings, autoLockSave: { kind: 'saved', text: 'Saved' } });
      // The lock notice quotes this value after an idle lock, when settings can no longer be read.
      useVaultStore.setState({ autoLockMinutes: settings.autoLockMinutes });
      await get().loadAudit();
    } catch (error) {
      set({ autoLockSave: { kind: 'failed', text: toApiFailure(error).message } });
    }
  },
  async changePassphrase(current, next) {
    set({ rekeySave: { kind: 'saving' } });
    try {
      await requireClient().vault.rekey({ current, next });
      set({ rekeySave: { kind: 'saved', text: 'Passphrase changed. Use the new one from now on.' } });
      await get().load();
      return true;
    } catch (error) {
      const failure = toApiFailure(error);
      const text = failure.code === 'WRONG_PASSPHRASE' ? 'The current passphrase is wrong' : failure.message;
      set({ rekeySave: { kind: 'failed', text } });
      return false;
    }
  },
}));

export function resetSettingsStore(): void {
  useSettingsStore.setState(initial);
}
