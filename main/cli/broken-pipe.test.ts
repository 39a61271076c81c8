import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

const root = path.join(import.meta.dirname, '..', '..');

describe('a reader that closes the pipe early', () => {
  it('stops the CLI quietly with exit code 0; other write errors still throw', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnBrokenPipe(stream, (code) => exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
  });

  it('`liaison --help | (closed at once)`: no stack trace, exit 0 (the built CLI)', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'liaison.mjs'), '--help'], {
      env: { ...process.env, LIAISON_CLI_REQUIRE_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the CLI has even started: its first write meets a pipe with no reader (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
