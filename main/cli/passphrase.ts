import fs from 'node:fs';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { WorkbenchError } from '../core/errors';
import type { CliIo } from './context';

/** Where one passphrase may come from, in order of precedence: an explicit file, an env variable, a prompt. */
export interface PassphraseSource {
  file?: string;
  envName: string;
  prompt: string;
  /** Ask twice and require a match (for a passphrase being set, not one being checked). */
  confirm?: boolean;
  /** Names the flag in the "no passphrase" error. */
  fileFlag: string;
}

/** Reads a passphrase from `source`; INVALID_INPUT with one clear sentence when none is available. */
export async function readPassphrase(io: CliIo, source: PassphraseSource): Promise<string> {
  if (source.file !== undefined) return readPassphraseFile(source.file);
  const fromEnv = io.env[source.envName];
  if (fromEnv) return fromEnv;
  if (io.stdin.isTTY !== true) {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `No passphrase: set ${source.envName}, pass ${source.fileFlag} FILE, or run in a terminal to be prompted.`,
    );
  }
  const first = await promptHidden(io, source.prompt);
  if (!source.confirm) return first;
  const second = await promptHidden(io, 'Repeat to confirm: ');
  if (first !== second) throw new WorkbenchError('INVALID_INPUT', 'The passphrases do not match.');
  return first;
}

/**
 * The first line of `file` without its line ending (so `echo secret > f` works). UTF-8, or UTF-16 when the
 * file starts with its byte-order mark: Windows PowerShell 5's `'secret' > f` writes UTF-16LE with one, and
 * `Out-File -Encoding utf8` UTF-8 with one; read as plain UTF-8 either would be a wrong passphrase.
 */
export function readPassphraseFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new WorkbenchError('INVALID_INPUT', 'Cannot read the passphrase file.', { cause: error });
  }
  const text = decodeText(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.length === 0) throw new WorkbenchError('INVALID_INPUT', 'The passphrase file is empty.');
  return firstLine;
}

/** Text by its byte-order mark: UTF-16LE, UTF-16BE or UTF-8 (the mark removed); UTF-8 without one. */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

/**
 * Reads one line from the terminal without echoing it: readline drives the TTY in raw mode and writes its
 * echo to a muted stream, so the typed characters are never displayed. The prompt goes to stderr, keeping
 * stdout for the command's output. Ctrl-C or end of input is CANCELLED.
 */
export function promptHidden(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: io.stdin, output: muted, terminal: true });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      io.stderr.write('\n');
      rl.close();
      outcome();
    };
    rl.once('line', (line) => finish(() => resolve(line)));
    rl.once('SIGINT', () => finish(() => reject(new WorkbenchError('CANCELLED', 'Cancelled.'))));
    rl.once('close', () => finish(() => reject(new WorkbenchError('CANCELLED', 'Cancelled.'))));
  });
}
