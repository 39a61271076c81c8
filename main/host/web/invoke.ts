import type { IncomingMessage } from 'node:http';
import { isChannel, parseRequest, type Channel, type Result } from '../../../preload/contract';
import type { CoreClient } from '../core-client';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Channels whose requests are legitimately larger: a briefing draft holds sections of up to 2 MB each,
 * and an attach may name a large queue selection. The core still bounds every field.
 */
const LARGE_BODY_CHANNELS: Partial<Record<Channel, number>> = {
  'briefings:save-draft': 32 * 1024 * 1024,
  'briefings:save': 32 * 1024 * 1024,
  'briefings:attach': 4 * 1024 * 1024,
  'briefings:detach': 4 * 1024 * 1024,
};

export type InvokeOutcome = { status: number; body: Result<unknown> } | { status: 404 | 413 | 415; body?: undefined };

class BodyTooLarge extends Error {}

function invalid(message: string): InvokeOutcome {
  return { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message } } };
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Reads, parses and validates one `POST /api/invoke/:channel` and forwards it to the core. The core
 * validates again (it trusts no transport); checking here keeps junk off the worker and answers early.
 */
export async function handleInvoke(
  request: IncomingMessage,
  channel: string,
  core: CoreClient,
  limit: number = MAX_BODY_BYTES,
): Promise<InvokeOutcome> {
  if (!isChannel(channel)) return { status: 404 };
  // Requiring JSON also means a cross-site form or a no-cors fetch (which cannot set it) never gets this far.
  if (!isJson(request)) return { status: 415 };
  let raw: Buffer;
  try {
    raw = await readBody(request, Math.max(limit, LARGE_BODY_CHANNELS[channel] ?? 0));
  } catch (error) {
    if (error instanceof BodyTooLarge) return { status: 413 };
    throw error;
  }
  let payload: unknown;
  try {
    payload = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    return invalid('The request body is not valid JSON.');
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return { status: 400, body: parsed };
  return { status: 200, body: await core.invoke(channel, parsed.value) };
}
