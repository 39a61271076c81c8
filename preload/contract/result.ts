/** Error codes that may cross the process boundary; messages are user-facing, never stack traces or paths. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'WRONG_PASSPHRASE'
  | 'NOT_A_VAULT'
  | 'NEWER_SCHEMA'
  | 'VAULT_EXISTS'
  | 'NO_VAULT'
  | 'LOCKED'
  | 'CANCELLED'
  | 'BUSY'
  | 'NOT_FOUND'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
