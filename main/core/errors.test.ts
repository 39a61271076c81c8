import { describe, expect, it } from 'vitest';
import { isWorkbenchError, toWorkbenchError, WorkbenchError } from './errors';

describe('WorkbenchError', () => {
  it('carries a code and keeps the cause out of the message', () => {
    const cause = new Error('SQLITE_IOERR at /secret/path');
    const wrapped = toWorkbenchError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).not.toContain('/secret/path');
    expect(wrapped.cause).toBe(cause);
  });

  it('passes workbench errors through unchanged', () => {
    const error = new WorkbenchError('WRONG_PASSPHRASE', 'Wrong passphrase.');
    expect(toWorkbenchError(error)).toBe(error);
    expect(isWorkbenchError(error, 'WRONG_PASSPHRASE')).toBe(true);
    expect(isWorkbenchError(error, 'LOCKED')).toBe(false);
  });

  it('says BUSY, not INTERNAL, when another process held the write lock past the busy timeout', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']) {
      const locked = Object.assign(new Error('database is locked'), { code });
      expect(toWorkbenchError(locked)).toMatchObject({ code: 'BUSY', message: 'The vault is busy in another window or command; try again.' });
    }
  });
});
