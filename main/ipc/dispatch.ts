import { isChannel, parseRequest, type ApiError, type Channel, type Result } from '../../preload/contract';
import { toWorkbenchError, WorkbenchError } from '../core/errors';
import type { WorkbenchSession } from '../core/session';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The one place a request meets the core: checks the channel and payload against the contract,
 * runs the handler, and turns every failure into a plain `{ code, message }` — no stack or path
 * crosses back to the renderer.
 */
export function createDispatcher(session: WorkbenchSession, log: (line: string) => void = logToStderr): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown request.' } };
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[channel] as Handler<Channel>;
      return { ok: true, value: await handler(parsed.value as never, session) };
    } catch (error) {
      return { ok: false, error: toApiError(channel, error, log) };
    }
  };
}

function toApiError(channel: Channel, error: unknown, log: (line: string) => void): ApiError {
  if (error instanceof WorkbenchError) return { code: error.code, message: error.message };
  const known = toWorkbenchError(error);
  if (known.code === 'BUSY') return { code: known.code, message: known.message };
  // Unexpected failures are logged here (name and stack only; requests are never logged because they
  // may carry passphrases) and reported to the renderer without detail.
  log(`[core] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { code: 'INTERNAL', message: 'The workbench hit an unexpected error; the details are in its log.' };
}

function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
