import { create } from 'zustand';
import type { LiaisonEvent, VaultStatus } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatMinutes } from '../../lib/format';
import { describeAccessError } from './access-errors';

export type VaultPhase = 'loading' | 'unavailable' | 'absent' | 'locked' | 'unlocked';

export interface AccessError {
  code: string;
  text: string;
}

interface VaultStoreState {
  phase: VaultPhase;
  location: string | null;
  busy: boolean;
  error: AccessError | null;
  /** Why the vault is locked now, shown above the unlock form ("Locked after 15 minutes of inactivity"). */
  lockNotice: string | null;
  /** Cached at unlock: once locked, settings cannot be read to explain an idle lock. */
  autoLockMinutes: number | null;
  refresh(): Promise<void>;
  create(passphrase: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  handleEvent(event: LiaisonEvent): void;
  clearError(): void;
}

const initial = {
  phase: 'loading' as VaultPhase,
  location: null,
  busy: false,
  error: null,
  lockNotice: null,
  autoLockMinutes: null,
};

function fromStatus(status: VaultStatus): Pick<VaultStoreState, 'phase' | 'location'> {
  return { phase: status.state, location: status.location };
}

function accessError(error: unknown): AccessError {
  const failure = toApiFailure(error);
  return { code: failure.code, text: describeAccessError(failure.code, failure.message) };
}

export const useVaultStore = create<VaultStoreState>()((set, get) => {
  async function rememberAutoLock(): Promise<void> {
    try {
      const settings = await requireClient().settings.get({});
      set({ autoLockMinutes: settings.autoLockMinutes });
    } catch {
      set({ autoLockMinutes: null });
    }
  }

  async function access(run: () => Promise<VaultStatus>): Promise<void> {
    if (get().busy) return;
    set({ busy: true, error: null });
    try {
      const status = await run();
      set({ ...fromStatus(status), busy: false, lockNotice: null });
      if (status.state === 'unlocked') await rememberAutoLock();
    } catch (error) {
      set({ busy: false, error: accessError(error) });
    }
  }

  return {
    ...initial,
    async refresh() {
      try {
        set(fromStatus(await requireClient().vault.status({})));
      } catch (error) {
        set({ phase: 'unavailable', error: accessError(error) });
      }
    },
    create: (passphrase) => access(() => requireClient().vault.create({ passphrase })),
    unlock: (passphrase) => access(() => requireClient().vault.unlock({ passphrase })),
    async lock() {
      try {
        set({ ...fromStatus(await requireClient().vault.lock({})), lockNotice: 'Locked', error: null });
      } catch (error) {
        set({ error: accessError(error) });
      }
    },
    handleEvent(event) {
      if (event.type === 'vault:unlocked') {
        if (get().phase !== 'unlocked') void get().refresh();
      } else if (event.type === 'vault:locked') {
        const minutes = get().autoLockMinutes;
        const lockNotice =
          event.reason === 'idle' && minutes !== null ? `Locked after ${formatMinutes(minutes)} of inactivity` : 'Locked';
        set({ phase: 'locked', lockNotice, busy: false, error: null });
      }
    },
    clearError: () => set({ error: null }),
  };
});

/** Test helper: back to the state a fresh window starts in. */
export function resetVaultStore(): void {
  useVaultStore.setState(initial);
}
