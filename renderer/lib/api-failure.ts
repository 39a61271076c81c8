import type { ApiError, ErrorCode, Result } from '../../preload/contract';

/** A failed call across the bridge, carrying the contract's error code for the UI to branch on. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.code = error.code;
  }
}

/** Returns the value of a successful Result; throws an ApiFailure for a failed one. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiFailure(result.error);
}

/** Normalises anything thrown by a call into an ApiFailure, so stores keep a single error type. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure({ code: 'INTERNAL', message: 'The workbench core did not answer. Try again.' });
}
