import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../core/errors';
import type { CliIo } from './context';
import { errorLine, formatBytes, printFields } from './output';

describe('output', () => {
  it('aligns key/value lines', () => {
    let text = '';
    const io = { stdout: { write: (s: string) => (text += s) } } as unknown as CliIo;
    printFields(io, [['A', 1], ['Longer key', 'x']]);
    expect(text).toBe('A           1\nLonger key  x\n');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB (1,536 bytes)');
  });

  it('turns core sentences into one CLI line, naming the location for location errors', () => {
    expect(errorLine(new WorkbenchError('WRONG_PASSPHRASE', 'Wrong passphrase.'), '/v')).toBe('wrong passphrase');
    expect(errorLine(new WorkbenchError('NOT_A_VAULT', 'This folder is not a Liaison vault.'), '/v')).toBe('/v is not a Liaison vault');
    expect(errorLine(new WorkbenchError('NEWER_SCHEMA', 'This vault uses schema version 90.'), '/v')).toBe('this vault uses schema version 90');
  });

  it('keeps a file name or an acronym that starts the message as it is', () => {
    const rejected = 'Not imported: Partner.liaison: byte 0: not a Liaison bundle.';
    expect(errorLine(new WorkbenchError('INVALID_INPUT', rejected), '/v')).toBe('not imported: Partner.liaison: byte 0: not a Liaison bundle');
    expect(errorLine(new WorkbenchError('INVALID_INPUT', 'Partner.liaison: byte 0: damaged.'), '/v')).toBe('Partner.liaison: byte 0: damaged');
    expect(errorLine(new WorkbenchError('INVALID_INPUT', 'Report: row 3: no value.'), '/v')).toBe('Report: row 3: no value');
    expect(errorLine(new WorkbenchError('INVALID_INPUT', 'TAXII server refused the request.'), '/v')).toBe('TAXII server refused the request');
    expect(errorLine(new WorkbenchError('CANCELLED', 'Cancelled.'), '/v')).toBe('cancelled');
  });
});
