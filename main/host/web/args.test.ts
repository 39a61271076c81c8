import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './args';

describe('parseHostArgs', () => {
  it('defaults to a random port and no vault override', () => {
    expect(parseHostArgs([])).toEqual({ port: 0, vault: undefined, json: false });
  });

  it('reads --port, --vault and --json', () => {
    expect(parseHostArgs(['--port', '8123', '--vault', '/tmp/v', '--json'])).toEqual({ port: 8123, vault: '/tmp/v', json: true });
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--vault', ''], ['--nope'], ['extra']])('rejects %s %s', (...argv) => {
    expect(() => parseHostArgs(argv)).toThrow();
  });
});
