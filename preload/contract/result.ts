import type { WorkbenchErrorCode } from '../../main/core/errors';

/**
 * Error codes that may cross the process boundary: the core's own (main/core/errors.ts), imported as a
 * type so the two cannot drift. Messages are user-facing, never stack traces or paths.
 */
export type ErrorCode = WorkbenchErrorCode;

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
