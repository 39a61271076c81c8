import { describe, expect, it } from 'vitest';
import { CLI_MODE_FLAG, cliModeArguments, flushThenExit, type FlushableStream } from './cli-mode';

const EXE = '/opt/Liaison Workbench/liaison-workbench';

describe('cliModeArguments', () => {
  it('takes what follows the launcher’s `--`, leaving its Chromium switches out', () => {
    const argv = [EXE, CLI_MODE_FLAG, '--ozone-platform=headless', '--disable-gpu', '--', '--vault', '/v', 'vault', 'info'];
    expect(cliModeArguments(argv, false)).toEqual(['--vault', '/v', 'vault', 'info']);
  });

  it('passes a user’s own `--` and an empty argument through', () => {
    expect(cliModeArguments([EXE, CLI_MODE_FLAG, '--', 'indicators', 'show', '--', '-odd', ''], false)).toEqual(['indicators', 'show', '--', '-odd', '']);
  });

  it('takes every argument when there is no separator, or a non-switch stands before it', () => {
    expect(cliModeArguments([EXE, CLI_MODE_FLAG, '--help'], false)).toEqual(['--help']);
    expect(cliModeArguments([EXE, CLI_MODE_FLAG, 'vault', 'info', '--', 'x'], false)).toEqual(['vault', 'info', '--', 'x']);
    expect(cliModeArguments([EXE, CLI_MODE_FLAG], false)).toEqual([]);
  });

  it('needs the flag first: after the app folder when Electron runs from sources, and never later', () => {
    expect(cliModeArguments(['/dev/electron', '.', CLI_MODE_FLAG, '--', 'vault', 'info'], true)).toEqual(['vault', 'info']);
    expect(cliModeArguments(['/dev/electron', CLI_MODE_FLAG, '--', 'vault'], true)).toBeUndefined();
    expect(cliModeArguments([EXE], false)).toBeUndefined();
    expect(cliModeArguments([EXE, '--vault', '/v', CLI_MODE_FLAG], false)).toBeUndefined();
    expect(cliModeArguments([EXE, '/home/a/file.json', CLI_MODE_FLAG], false)).toBeUndefined();
  });
});

describe('flushThenExit', () => {
  /** A stream whose writes complete only when `drain()` is called, like a pipe nobody has read yet. */
  function slowStream() {
    const pending: Array<() => void> = [];
    const stream: FlushableStream = {
      write: (_chunk, callback) => {
        pending.push(() => callback());
        return false;
      },
    };
    return { stream, drain: () => pending.splice(0).forEach((done) => done()) };
  }

  it('exits only after every stream has flushed, with the CLI’s code', async () => {
    const out = slowStream();
    const err = slowStream();
    const exits: number[] = [];
    const done = flushThenExit([out.stream, err.stream], 3, (code) => exits.push(code));
    await Promise.resolve();
    out.drain();
    await Promise.resolve();
    expect(exits).toEqual([]);
    err.drain();
    await done;
    expect(exits).toEqual([3]);
  });

  it('still exits when a stream throws on write (a closed pipe)', async () => {
    const broken: FlushableStream = {
      write: () => {
        throw new Error('EPIPE');
      },
    };
    const exits: number[] = [];
    await flushThenExit([broken], 1, (code) => exits.push(code));
    expect(exits).toEqual([1]);
  });
});
