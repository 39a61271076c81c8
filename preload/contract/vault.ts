import { z } from 'zod';
import { channel, Empty } from './channel';

/** Passphrases are bounded so a hostile caller cannot make the KDF hash megabytes. */
export const Passphrase = z.string().min(1, 'Passphrase is required').max(1024, 'Passphrase is too long');

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Where the vault lives on this machine, shown in Settings so the analyst knows what to back up. */
  location: string;
}

export interface KdfSummary {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export interface VaultInfo {
  location: string;
  vaultId: string;
  schemaVersion: number;
  cipher: string;
  kdf: KdfSummary;
  createdAt: string;
  passphraseChangedAt: string | null;
  fileSizeBytes: number;
  counts: Record<string, number>;
}

const PassphraseRequest = z.object({ passphrase: Passphrase }).strict();
const RekeyRequest = z.object({ current: Passphrase, next: Passphrase }).strict();

export const vaultChannels = {
  'vault:status': channel<typeof Empty, VaultStatus>(Empty),
  'vault:create': channel<typeof PassphraseRequest, VaultStatus>(PassphraseRequest),
  'vault:unlock': channel<typeof PassphraseRequest, VaultStatus>(PassphraseRequest),
  'vault:lock': channel<typeof Empty, VaultStatus>(Empty),
  'vault:rekey': channel<typeof RekeyRequest, { changedAt: string }>(RekeyRequest),
  'vault:info': channel<typeof Empty, VaultInfo>(Empty),
  /** The renderer reports user activity (throttled) so the idle auto-lock timer restarts. */
  'vault:activity': channel<typeof Empty, { lockAt: string | null }>(Empty),
};
