import type { WorkbenchError } from '../core/errors';
import type { CliIo } from './context';

/** Prints exactly one JSON document on stdout (what `--json` promises to scripts). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints one compact JSON document per line (JSON Lines), for streams a script reads line by line. */
export function printJsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints `label  value` lines with the values aligned in one column. */
export function printFields(io: CliIo, rows: ReadonlyArray<readonly [string, string | number]>): void {
  const width = Math.max(0, ...rows.map(([label]) => label.length)) + 2;
  for (const [label, value] of rows) io.stdout.write(`${label.padEnd(width)}${value}\n`);
}

/** Prints rows as columns padded to the widest cell; the last column is not padded. */
export function printTable(io: CliIo, header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  for (const row of all) {
    const cells = row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)));
    io.stdout.write(`${cells.join('  ').trimEnd()}\n`);
  }
}

/** 1536 -> "1.5 KiB (1,536 bytes)". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  return unit === 0 ? exact : `${value.toFixed(1)} ${units[unit]} (${exact})`;
}

/**
 * The one stderr line for a failed command. The core's messages are path-free sentences; here, where the
 * user typed the path, the vault-location errors name it.
 */
export function errorLine(error: WorkbenchError, location: string | undefined): string {
  const where = location ?? 'the vault location';
  switch (error.code) {
    case 'WRONG_PASSPHRASE':
      return 'wrong passphrase';
    case 'NOT_A_VAULT':
      return `${where} is not a Liaison vault`;
    case 'NO_VAULT':
      return `no vault at ${where} (create one with "liaison vault init")`;
    case 'VAULT_EXISTS':
      return `a vault already exists at ${where}`;
    default:
      return sentenceToLine(error.message);
  }
}

/**
 * "Cannot read the file." -> "cannot read the file". Only an ordinary capitalised first word is lowered: a
 * message may start with a file name the user typed (`Partner.liaison: byte 0: …`), which must stay as it is
 * on a case-sensitive file system, or with an acronym (`TAXII …`).
 */
function sentenceToLine(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]*(?:'[a-z]+)?(?=[ ,]|$)/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
}
