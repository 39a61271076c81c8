import { WorkbenchError } from '../core/errors';
import type { CliIo } from './context';

/** Most keys one command takes (arguments plus --stdin): a bound on memory, far above a SIEM batch. */
export const MAX_KEYS = 1_000_000;

/**
 * The indicator keys a batch command works on: its arguments, then (with --stdin) one key per line of
 * standard input. Blank lines and surrounding spaces are ignored, so `sort -u hosts.txt | liaison ...` and
 * CRLF files work as they are.
 */
export async function readKeys(io: CliIo, args: readonly string[], fromStdin: boolean): Promise<string[]> {
  const keys = [...args];
  if (fromStdin) {
    if (io.stdin.isTTY) throw new WorkbenchError('INVALID_INPUT', '--stdin reads keys from a pipe or file, one per line; standard input is a terminal.');
    // Decoded as one stream, not chunk by chunk: a pipe cuts its 64 KiB chunks anywhere, also inside a
    // character, which decoded alone would turn `domain:bücher.example` into two U+FFFD.
    const decoder = new TextDecoder('utf-8');
    let text = '';
    for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    text += decoder.decode();
    for (const line of text.split('\n')) {
      const key = line.trim();
      if (key) keys.push(key);
      if (keys.length > MAX_KEYS) throw new WorkbenchError('INVALID_INPUT', `At most ${MAX_KEYS.toLocaleString('en-US')} keys per run.`);
    }
  }
  return keys;
}
