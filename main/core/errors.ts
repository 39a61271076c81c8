/**
 * Error codes the core raises. The IPC contract's `ErrorCode` is this type (imported as a type: the core
 * may not import `preload/`), so the IPC layer passes `code` and `message` through unchanged.
 */
export type WorkbenchErrorCode =
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

/**
 * An expected failure with a user-facing message: one sentence, no file paths, no secrets, no stack.
 * Anything underlying is kept in `cause` for debugging and must never be shown to the user.
 */
export class WorkbenchError extends Error {
  readonly code: WorkbenchErrorCode;

  constructor(code: WorkbenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbenchError';
    this.code = code;
  }
}

/** True when `error` is a WorkbenchError, optionally with the given code. */
export function isWorkbenchError(error: unknown, code?: WorkbenchErrorCode): error is WorkbenchError {
  return error instanceof WorkbenchError && (code === undefined || error.code === code);
}

/**
 * Passes WorkbenchErrors through and wraps anything else as INTERNAL, so raw messages never reach a user;
 * SQLite's "database is locked" (another process held the write lock past the busy timeout) is BUSY.
 */
export function toWorkbenchError(error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (isBusyError(error)) {
    return new WorkbenchError('BUSY', 'The vault is busy in another window or command; try again.', { cause: error });
  }
  return new WorkbenchError('INTERNAL', 'An internal error occurred.', { cause: error });
}

/** True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes) and for BUSY WorkbenchErrors. */
export function isBusyError(error: unknown): boolean {
  if (error instanceof WorkbenchError) return error.code === 'BUSY';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}
