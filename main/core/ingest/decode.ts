/**
 * Bytes to text for every text-based parser: BOM handling (UTF-8, UTF-16 LE/BE), binary refusal,
 * and a windows-1252 fallback for legacy feeds that are not valid UTF-8. Decoding is streaming:
 * multi-byte sequences split across chunks are carried by the decoders, memory stays bounded.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { IngestError, type IngestNote, type ParserInput } from './ingest-record';

/** Bytes inspected for NUL (binary) detection. */
export const BINARY_SNIFF_BYTES = 8192;
/** Bytes inspected before choosing between UTF-8 and windows-1252. */
const ENCODING_SNIFF_BYTES = 65536;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedChunk {
  text: string;
  /** Bytes consumed from the input so far (for progress). */
  bytesRead: number;
}

/** Normalise the accepted input shapes to an async iterable of byte chunks. */
export async function* byteChunks(input: ParserInput): AsyncGenerator<Uint8Array> {
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Encoding announced by a byte-order mark, with the BOM length. */
export function detectBom(head: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** True when the first BINARY_SNIFF_BYTES contain a NUL byte (and no UTF-16 BOM explains it). */
export function looksBinary(head: Uint8Array): boolean {
  const end = Math.min(head.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (head[i] === 0) return true;
  return false;
}

function isValidUtf8Prefix(bytes: Uint8Array, complete: boolean): boolean {
  try {
    // stream: true lets a sequence cut at the end of the sample pass; the rest of the file decides.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

function makeDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'windows-1252' || encoding === 'utf-16be') {
    const d = iconv.getDecoder(encoding === 'utf-16be' ? 'utf-16be' : 'windows-1252');
    return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
  }
  const d = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/**
 * Decode a byte stream into text chunks. Throws IngestError for binary files; pushes a note to
 * `notes` when the encoding was guessed (windows-1252) or invalid UTF-8 bytes were replaced.
 */
export async function* decodeText(input: ParserInput, fileName: string, notes: IngestNote[]): AsyncGenerator<DecodedChunk> {
  const it = byteChunks(input)[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < ENCODING_SNIFF_BYTES) {
    const next = await it.next();
    if (next.done === true) {
      done = true;
      break;
    }
    headParts.push(next.value);
    headLength += next.value.byteLength;
  }
  const head = Buffer.concat(headParts);
  const bom = detectBom(head);
  let encoding: TextEncodingName;
  if (bom !== null) {
    encoding = bom.encoding;
  } else if (looksBinary(head)) {
    throw new IngestError(fileName, `byte ${head.indexOf(0)}`, 'binary file, not text');
  } else if (isValidUtf8Prefix(head, done)) {
    encoding = 'utf-8';
  } else {
    encoding = 'windows-1252';
    notes.push({ location: 'file', message: 'not valid UTF-8; decoded as windows-1252 (Latin-1)' });
  }
  const decoder = makeDecoder(encoding);
  const check = encoding === 'utf-8' ? new Utf8Check() : null;
  let replaced = false;
  let bytesRead = head.byteLength;
  const decodeChunk = (bytes: Uint8Array): string => {
    const text = decoder.write(bytes);
    // Checking the same bytes tells us once if the replacement decoder substituted.
    if (check !== null && !replaced && !check.valid(bytes)) {
      replaced = true;
      notes.push({ location: `byte ${bytesRead}`, message: 'invalid UTF-8 after this point; bad bytes shown as U+FFFD' });
    }
    return text;
  };
  const first = decodeChunk(bom === null ? head : head.subarray(bom.length));
  if (first !== '') yield { text: first, bytesRead };
  if (!done) {
    for (let next = await it.next(); next.done !== true; next = await it.next()) {
      bytesRead += next.value.byteLength;
      const text = decodeChunk(next.value);
      if (text !== '') yield { text, bytesRead };
    }
  }
  const tail = decoder.end();
  if (tail !== '') yield { text: tail, bytesRead };
}

/**
 * Whether a stream of chunks is valid UTF-8 so far, chunk by chunk, as a fatal streaming TextDecoder
 * says it: a sequence cut at the end of a chunk waits for the next, one that cannot go on is invalid at
 * once. isUtf8 reads the bytes without making the string a second decoder made of every chunk (a
 * megabyte of garbage per megabyte read, and 1-2% of reading a report).
 */
export class Utf8Check {
  private pending: Uint8Array = new Uint8Array(0);

  valid(chunk: Uint8Array): boolean {
    const bytes = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const cut = completeLength(bytes);
    this.pending = bytes.slice(cut);
    return isUtf8(bytes.subarray(0, cut));
  }
}

/**
 * Where the sequence cut at the end of `bytes` starts, when the bytes there are the valid start of a
 * longer sequence; the length of `bytes` otherwise (complete, or invalid: isUtf8 says which).
 */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  let lead = n - 1;
  while (lead >= 0 && lead > n - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return n;
  const b0 = bytes[lead]!;
  const need = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
  if (need === 0 || lead + need <= n) return n;
  // The second byte of some leads is narrower than 0x80-0xbf (no overlong forms, surrogates or code
  // points past U+10FFFF); the fatal decoder refuses a wrong one at once.
  if (lead + 1 < n) {
    const b1 = bytes[lead + 1]!;
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (b1 < low || b1 > high) return n;
  }
  return lead;
}

export type SniffedFormat = 'stix' | 'misp' | 'misp-feed' | 'csv' | 'text';

const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Guess a file's format from its first bytes (a few KB is enough) and, as a tie-breaker, its name.
 * 'misp-feed' is for folders with manifest.json and is decided by the caller, never returned here.
 */
export function sniffFormat(firstBytes: Uint8Array, fileName: string): SniffedFormat {
  const bom = detectBom(firstBytes);
  const enc = bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be' ? bom.encoding : 'utf-8';
  const text = iconv.decode(Buffer.from(firstBytes.subarray(bom?.length ?? 0, 16384)), enc).trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    // STIX 1.x packages in JSON go to the STIX parser too, which says clearly that it cannot read them.
    if (/"type"\s*:\s*"bundle"|"objects"\s*:|"spec_version"\s*:|"stix_header"\s*:|:STIXPackage-/.test(text)) return 'stix';
    if (/^[[{]\s*"(?:Event|response)"\s*:|"Attribute"\s*:\s*\[/.test(text)) return 'misp';
    return 'text';
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (text.startsWith('<') || text.startsWith('#') || /\.(?:md|markdown|html?|txt)$/.test(lower)) return 'text';
  return detectDelimiter(text.split(/\r?\n/, 21).slice(0, 20)) === null ? 'text' : 'csv';
}

/** Count fields on one line for a delimiter, honouring double quotes. */
export function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter that splits the sample lines into the same number (>1) of fields most often, or
 * null when none does. A trailing partial line is ignored by callers passing complete lines only.
 */
export function detectDelimiter(lines: string[]): string | null {
  const sample = lines.filter((l) => l.trim() !== '');
  if (sample.length === 0) return null;
  let best: { d: string; score: number } | null = null;
  for (const d of CSV_DELIMITERS) {
    const first = countFields(sample[0] as string, d);
    if (first < 2) continue;
    const consistent = sample.filter((l) => countFields(l, d) === first).length;
    if (consistent / sample.length < 0.8) continue;
    const score = consistent * 1000 + first;
    if (best === null || score > best.score) best = { d, score };
  }
  return best?.d ?? null;
}
