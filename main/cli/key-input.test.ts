import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './context';
import { readKeys } from './key-input';

function ioWithStdin(chunks: Buffer[]): CliIo {
  // One chunk per read, as a pipe delivers them (a PassThrough would join what was written before reading).
  const stdin = Readable.from(chunks);
  return { stdout: { write: () => true }, stderr: { write: () => true }, stdin, env: {} };
}

describe('readKeys', () => {
  it('keeps a character that a pipe chunk boundary cuts in two', async () => {
    const bytes = Buffer.from('domain:bücher.example\r\n\n  ipv4:198.51.100.7  \n', 'utf8');
    const cut = bytes.indexOf(Buffer.from('ü', 'utf8')) + 1; // between the two bytes of ü
    const keys = await readKeys(ioWithStdin([bytes.subarray(0, cut), bytes.subarray(cut)]), ['domain:a.example'], true);
    expect(keys).toEqual(['domain:a.example', 'domain:bücher.example', 'ipv4:198.51.100.7']);
  });

  it('refuses a terminal as --stdin, and reads only the arguments without it', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: tty, env: {} };
    await expect(readKeys(io, [], true)).rejects.toThrow('standard input is a terminal');
    expect(await readKeys(io, ['x'], false)).toEqual(['x']);
  });
});
