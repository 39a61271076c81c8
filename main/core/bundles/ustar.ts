/**
 * The bundle's container: a POSIX ustar archive (POSIX.1-1988 / IEEE 1003.1 "pax" §ustar interchange
 * format), written and read here instead of a library so the reader can be strict: every header is
 * compared byte for byte with the one we would write, padding and the end-of-archive blocks must be zero,
 * and nothing may follow them. That strictness is what makes any changed byte of a signed (not encrypted)
 * bundle detectable: bytes outside the signed manifest and the hashed payload have exactly one valid value.
 * Stock `tar xf` extracts the same file.
 */
export const BLOCK = 512;
/** Octal digits in the 12-byte size field (11 digits + NUL): 8 GiB - 1, ustar's own limit. */
const MAX_USTAR_SIZE = 0o77777777777;

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

/** One ustar header: regular file, mode 0644, owner 0:0, no user or group names, the given mtime. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Uint8Array {
  if (Buffer.byteLength(name) > 100 || !/^[a-z0-9._-]+$/.test(name)) throw new RangeError(`bad tar member name ${name}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_USTAR_SIZE) throw new RangeError('tar member too large');
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 'ascii');
  writeOctal(header, 100, 8, 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, mtimeSeconds);
  header.write('        ', 148, 'ascii'); // the checksum is computed with its own field as spaces
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  // Six octal digits, NUL, space: the form GNU and BSD tar write.
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return header;
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'ascii');
}

/** The size a header declares; NaN when the field is not length-1 octal digits and a NUL. */
export function headerSize(header: Uint8Array): number {
  const field = Buffer.from(header.subarray(124, 136)).toString('latin1');
  return /^[0-7]{11}\0$/.test(field) ? parseInt(field.slice(0, 11), 8) : Number.NaN;
}

/** The member name a header declares (up to the first NUL), for error messages. */
export function headerName(header: Uint8Array): string {
  const raw = Buffer.from(header.subarray(0, 100));
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? 100 : end).toString('latin1').replace(/[^\x20-\x7e]/g, '?');
}

/** Bytes of padding after `size` bytes of data. */
export function paddingAfter(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The whole archive: entries in the given order, each padded to a block, then two zero blocks. */
export function writeTar(entries: readonly TarEntry[], mtimeSeconds: number): Uint8Array {
  const total = entries.reduce((n, e) => n + BLOCK + e.data.length + paddingAfter(e.data.length), 0) + 2 * BLOCK;
  const out = new Uint8Array(total);
  let at = 0;
  writeTarTo(entries, mtimeSeconds, (bytes) => {
    out.set(bytes, at);
    at += bytes.length;
  });
  return out;
}

const ZEROS = new Uint8Array(2 * BLOCK);

/** The same archive as writeTar, handed to `sink` piece by piece: the payloads are never copied. */
export function writeTarTo(entries: readonly TarEntry[], mtimeSeconds: number, sink: (bytes: Uint8Array) => void): void {
  for (const entry of entries) {
    sink(tarHeader(entry.name, entry.data.length, mtimeSeconds));
    sink(entry.data);
    const padding = paddingAfter(entry.data.length);
    if (padding > 0) sink(ZEROS.subarray(0, padding));
  }
  sink(ZEROS);
}
