/**
 * The vault: an encrypted SQLite database plus the keyring that unlocks it. Everything outside
 * `main/core/vault` goes through this index.
 */
export { createVault } from './create';
export type { CreateVaultOptions } from './create';
export { unlockVault } from './unlock';
export { changePassphrase } from './rekey';
export type { ChangePassphraseOptions } from './rekey';
export { defaultVaultLocation, getVaultPresence, VAULT_FILES } from './paths';
export type { Vault, VaultInfoData, VaultOptions } from './vault';
export { DEFAULT_SCRYPT } from './kdf';
export type { ScryptParams } from './kdf';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
export type { Migration } from './migrations';
export { readSettings, updateSettings, AUTO_LOCK_RANGE } from './settings-store';
export type { SettingsPatch, WorkbenchSettings } from './settings-store';
export { MIN_PASSPHRASE_LENGTH } from './kdf';
export { rotateDataKey } from './rotate-data-key';
