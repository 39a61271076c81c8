import type { ErrorCode } from '../../../preload/contract';

const ACCESS_ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  WRONG_PASSPHRASE: 'Wrong passphrase',
  NOT_A_VAULT: 'The file at the vault location is not a Liaison vault, or it is damaged. Nothing was changed.',
  NEWER_SCHEMA: 'This vault was written by a newer version of Liaison Workbench. Update the app to open it.',
  VAULT_EXISTS: 'A vault already exists at this location. Unlock it instead.',
  NO_VAULT: 'No vault was found at this location.',
};

/** User-facing text for a failed create/unlock; the contract's message is the fallback. */
export function describeAccessError(code: ErrorCode, message: string): string {
  return ACCESS_ERROR_TEXT[code] ?? message;
}
