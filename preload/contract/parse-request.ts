import type { z } from 'zod';
import type { Result } from './result';
import { contract, type Channel, type ParsedRequestOf } from './contract';

/**
 * Validates a payload against its channel's schema where it crosses a process boundary.
 * The message names the offending field but never echoes its value (it may be a passphrase).
 */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): Result<ParsedRequestOf<C>> {
  const schema: z.ZodType = contract[channel].request;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as ParsedRequestOf<C> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
  return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}` } };
}
