/**
 * A linear, byte-level splitter that cuts a JSON document into its top-level elements while it streams.
 *
 * Why not a streaming JSON library (stream-json, @streamparser/json): those emit one event per token and
 * build values in JavaScript, 5-20x slower than V8's native JSON.parse. Here JavaScript only tracks
 * strings, escapes and bracket depth (and jumps through string bodies with the native Buffer.indexOf);
 * each element's bytes go to JSON.parse, which does the real validation. Memory stays bounded by the
 * largest element (capped), not by the file. Measured figures are in ./README.md.
 *
 * Shapes: a root array streams its items; a root object streams the items of the arrays under
 * `streamKeys` (STIX `objects`, MISP `response`) and hands every other root field back whole. Errors
 * are fatal IngestErrors located as `byte N (line L)`.
 */
import { isUtf8 } from 'node:buffer';
import { IngestError } from '../ingest-record';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { findInvalidUtf8 } from './utf8-position';

/** One top-level piece of the document, already parsed. */
export interface JsonElement {
  /** 'item': a member of a streamed array; 'field': the whole value of a root-object key. */
  kind: 'item' | 'field';
  /** Root-object key (null for items of a root array). */
  key: string | null;
  /** Index within the streamed array; -1 for fields. */
  index: number;
  value: unknown;
  /** Byte offset of the element's first byte in the file. */
  offset: number;
}

export interface JsonSplitterOptions {
  fileName: string;
  /** Root-object keys whose array values are streamed item by item. */
  streamKeys?: readonly string[];
  /** Deepest nesting allowed inside one element (default 512). */
  maxDepth?: number;
  /** Largest element (or root key) in bytes (default 64 MiB). */
  maxElementBytes?: number;
  /** Told once whether the document is an object or an array, as soon as its first byte is read. */
  onRoot?: (kind: 'object' | 'array') => void;
  /** Told when a streamed array opens (its root key, or null for a root array), even if it stays empty. */
  onArrayStart?: (key: string | null) => void;
}

export const DEFAULT_MAX_DEPTH = 512;
export const DEFAULT_MAX_ELEMENT_BYTES = 64 * 1024 * 1024;

const enum Mode { Start, Bom1, Bom2, ObjKeyOrEnd, ObjKey, KeyString, Colon, ObjValue, ObjAfterValue, ArrItemOrEnd, ArrItem, ArrAfterItem, Element, Done }
const enum Kind { Container, String, Scalar }

const NONE = Number.MAX_SAFE_INTEGER;
const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const COMMA = 0x2c, COLON = 0x3a, NEWLINE = 0x0a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Push-driven splitter: feed chunks, get the elements they complete; `finish()` checks the end. */
export class JsonElementSplitter {
  private readonly file: string;
  private readonly streamKeys: ReadonlySet<string>;
  private readonly maxDepth: number;
  private readonly maxBytes: number;
  private readonly onRoot?: (kind: 'object' | 'array') => void;
  private readonly onArrayStart?: (key: string | null) => void;
  private mode = Mode.Start;
  private base = 0; // file offset of the current chunk
  private linesBefore = 0; // newlines before the current chunk
  // Line numbers cost one Buffer.indexOf per newline: a cursor moves forward through the chunk as
  // elements start, so counting stays linear even for minified files.
  private newlinesSeen = 0;
  private nextNewline = NONE;
  private elemLine = 1;
  private chunk: Buffer = Buffer.alloc(0);
  private out: JsonElement[] = [];
  // Where we are: inside a streamed array (and which key), and the key being read.
  private arrayKey: string | null | undefined = undefined;
  private arrayIndex = 0;
  private key: string | null = null;
  private sawRoot = false;
  // The element or key string being captured.
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private elemStart = 0; // file offset
  private segStart = 0; // index in the current chunk
  private elemKind = Kind.Container;
  private depth = 0;
  private stack: Uint8Array;
  private inString = false;
  private escaped = false;
  private nextBackslash = -1; // cached Buffer.indexOf result for the current chunk

  constructor(options: JsonSplitterOptions) {
    this.file = options.fileName;
    this.streamKeys = new Set(options.streamKeys ?? []);
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxBytes = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
    this.onRoot = options.onRoot;
    this.onArrayStart = options.onArrayStart;
    this.stack = new Uint8Array(this.maxDepth + 2);
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.base + this.chunk.length;
  }

  /** Consumes one chunk and returns the elements completed in it. */
  push(bytes: Uint8Array): JsonElement[] {
    this.base += this.chunk.length;
    this.chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.out = [];
    this.nextBackslash = -1;
    this.segStart = 0;
    this.newlinesSeen = 0;
    this.nextNewline = this.findNewline(0);
    this.scan(this.chunk);
    if (this.mode === Mode.Element || this.mode === Mode.KeyString) this.keepSegment(this.chunk.length);
    this.linesBefore = this.lineAt(this.chunk.length) - 1;
    return this.out;
  }

  /** Declares the end of input: throws unless the document is complete; returns a final scalar if any. */
  finish(): JsonElement[] {
    this.base += this.chunk.length;
    this.chunk = Buffer.alloc(0);
    this.out = [];
    this.newlinesSeen = 0;
    this.nextNewline = NONE;
    if (this.mode === Mode.Done) return this.out;
    if (!this.sawRoot && this.base === 0) throw this.errorAt(0, 'empty file');
    if (!this.sawRoot) throw this.errorAt(0, 'no JSON value (only whitespace)');
    throw this.errorAt(0, 'unexpected end of JSON');
  }

  private scan(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.mode === Mode.Element) {
        i = this.scanElement(buf, i);
        continue;
      }
      if (this.mode === Mode.KeyString) {
        i = this.scanString(buf, i);
        if (!this.inString) this.completeKey(i);
        continue;
      }
      const c = buf[i]!;
      if (isWhitespace(c)) { i++; continue; }
      this.structural(c, i);
      i++;
    }
  }

  /** One structural byte outside any element: the root grammar. */
  private structural(c: number, i: number): void {
    switch (this.mode) {
      case Mode.Start:
        if (this.base + i === 0 && c === 0xef) { this.mode = Mode.Bom1; return; }
        this.sawRoot = true;
        if (c === LBRACE) { this.mode = Mode.ObjKeyOrEnd; this.onRoot?.('object'); return; }
        if (c === LBRACKET) { this.enterArray(null); this.onRoot?.('array'); return; }
        throw this.errorAt(i, 'expected a JSON object or array at the top level');
      case Mode.ObjKeyOrEnd:
        if (c === RBRACE) { this.mode = Mode.Done; return; }
        return this.beginKey(c, i);
      case Mode.ObjKey:
        return this.beginKey(c, i);
      case Mode.Bom1:
      case Mode.Bom2:
        // A UTF-8 byte order mark (EF BB BF) is tolerated before the document, as RFC 8259 §8.1 allows.
        if (c !== (this.mode === Mode.Bom1 ? 0xbb : 0xbf)) throw this.errorAt(i, 'invalid byte order mark');
        this.mode = this.mode === Mode.Bom1 ? Mode.Bom2 : Mode.Start;
        return;
      case Mode.Colon:
        if (c !== COLON) throw this.errorAt(i, "expected ':' after a property name");
        this.mode = Mode.ObjValue;
        return;
      case Mode.ObjValue:
        if (c === LBRACKET && this.key !== null && this.streamKeys.has(this.key)) return this.enterArray(this.key);
        return this.beginElement(c, i);
      case Mode.ObjAfterValue:
        if (c === COMMA) { this.mode = Mode.ObjKey; return; }
        if (c === RBRACE) { this.mode = Mode.Done; return; }
        throw this.errorAt(i, "expected ',' or '}' after a property value");
      case Mode.ArrItemOrEnd:
        if (c === RBRACKET) return this.leaveArray();
        return this.beginElement(c, i);
      case Mode.ArrItem:
        return this.beginElement(c, i);
      case Mode.ArrAfterItem:
        if (c === COMMA) { this.mode = Mode.ArrItem; return; }
        if (c === RBRACKET) return this.leaveArray();
        throw this.errorAt(i, "expected ',' or ']' after an array item");
      case Mode.Done:
        throw this.errorAt(i, 'unexpected data after the end of the JSON document');
      default:
        throw this.errorAt(i, 'internal splitter state error');
    }
  }

  private beginKey(c: number, i: number): void {
    if (c !== QUOTE) throw this.errorAt(i, 'expected a property name in double quotes');
    this.beginCapture(i, Kind.String);
    this.inString = true;
    this.mode = Mode.KeyString;
  }

  private enterArray(key: string | null): void {
    this.arrayKey = key;
    this.arrayIndex = 0;
    this.mode = Mode.ArrItemOrEnd;
    this.onArrayStart?.(key);
  }

  private leaveArray(): void {
    this.mode = this.arrayKey === null ? Mode.Done : Mode.ObjAfterValue;
    this.arrayKey = undefined;
  }

  private beginElement(c: number, i: number): void {
    if (c === LBRACE || c === LBRACKET) {
      this.beginCapture(i, Kind.Container);
      this.depth = 1;
      this.stack[1] = c;
      this.mode = Mode.Element;
      return;
    }
    if (c === QUOTE) {
      this.beginCapture(i, Kind.String);
      this.inString = true;
      this.mode = Mode.Element;
      return;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
      this.beginCapture(i, Kind.Scalar);
      this.mode = Mode.Element;
      return;
    }
    throw this.errorAt(i, `unexpected character ${describeByte(c)} where a value was expected`);
  }

  private beginCapture(i: number, kind: Kind): void {
    this.elemLine = this.lineAt(i);
    this.parts = [];
    this.partsBytes = 0;
    this.elemStart = this.base + i;
    this.segStart = i;
    this.elemKind = kind;
    this.escaped = false;
  }

  /** Scans inside the current element from `i`; returns where scanning stopped. */
  private scanElement(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.elemKind === Kind.Scalar) {
      while (i < n) {
        const c = buf[i]!;
        if (c === COMMA || c === RBRACE || c === RBRACKET || isWhitespace(c)) { this.completeElement(i); return i; }
        i++;
      }
      return i;
    }
    if (this.elemKind === Kind.String) {
      i = this.scanString(buf, i);
      if (!this.inString) this.completeElement(i);
      return i;
    }
    while (i < n) {
      if (this.inString) { i = this.scanString(buf, i); continue; }
      const c = buf[i]!;
      if (c === QUOTE) this.inString = true;
      else if (c === LBRACE || c === LBRACKET) {
        if (++this.depth > this.maxDepth) throw this.errorAt(i, `JSON nested deeper than ${this.maxDepth} levels`);
        this.stack[this.depth] = c;
      } else if (c === RBRACE || c === RBRACKET) {
        if (this.stack[this.depth] !== (c === RBRACE ? LBRACE : LBRACKET)) throw this.errorAt(i, `mismatched '${String.fromCharCode(c)}'`);
        if (--this.depth === 0) { this.completeElement(i + 1); return i + 1; }
      }
      i++;
    }
    return i;
  }

  /** Advances through a string body; clears inString after the closing quote. */
  private scanString(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.escaped) {
      if (i >= n) return i; // an empty chunk: the escaped byte is still to come
      this.escaped = false;
      i++;
    }
    while (i < n) {
      const q = buf.indexOf(QUOTE, i);
      const end = q < 0 ? n : q;
      if (this.nextBackslash !== -2 && this.nextBackslash < i) {
        this.nextBackslash = buf.indexOf(BACKSLASH, i);
        if (this.nextBackslash < 0) this.nextBackslash = -2; // none left in this chunk
      }
      const b = this.nextBackslash;
      if (b >= 0 && b < end) {
        if (b + 1 >= n) { this.escaped = true; return n; }
        i = b + 2;
        continue;
      }
      if (q < 0) return n;
      this.inString = false;
      return q + 1;
    }
    return i;
  }

  private keepSegment(end: number): void {
    if (end > this.segStart) {
      // Copy: the caller may reuse chunk buffers once push() returns.
      this.parts.push(Buffer.from(this.chunk.subarray(this.segStart, end)));
      this.partsBytes += end - this.segStart;
    }
    this.segStart = 0;
    if (this.partsBytes > this.maxBytes) throw this.sizeError();
  }

  private takeBytes(end: number): Buffer {
    const seg = this.chunk.subarray(this.segStart, end);
    const total = this.partsBytes + seg.length;
    if (total > this.maxBytes) throw this.sizeError();
    const bytes = this.parts.length === 0 ? seg : Buffer.concat([...this.parts, seg], total);
    this.parts = [];
    this.partsBytes = 0;
    return bytes;
  }

  private completeKey(end: number): void {
    const key = this.decode(this.takeBytes(end));
    if (typeof key !== 'string') throw this.errorAt(end - 1, 'invalid property name');
    this.key = key;
    this.mode = Mode.Colon;
  }

  private completeElement(end: number): void {
    const value = this.decode(this.takeBytes(end));
    if (this.arrayKey !== undefined) {
      this.out.push({ kind: 'item', key: this.arrayKey, index: this.arrayIndex++, value, offset: this.elemStart });
      this.mode = Mode.ArrAfterItem;
    } else {
      this.out.push({ kind: 'field', key: this.key, index: -1, value, offset: this.elemStart });
      this.mode = Mode.ObjAfterValue;
    }
  }

  private decode(bytes: Buffer): unknown {
    if (!isUtf8(bytes)) throw this.errorInElement(bytes, findInvalidUtf8(bytes), 'invalid UTF-8 byte sequence');
    const text = bytes.toString('utf8');
    try {
      return JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = /position (\d+)/.exec(reason);
      const charAt = at ? Number(at[1]) : firstSyntaxError(text);
      throw this.errorInElement(bytes, Buffer.byteLength(text.slice(0, charAt)), `invalid JSON: ${reason}`);
    }
  }

  private sizeError(): IngestError {
    const what = this.mode === Mode.KeyString ? 'property name' : 'element';
    return this.located(this.elemStart, this.elemLine, `${what} larger than ${this.maxBytes} bytes (limit per element)`);
  }

  private errorInElement(bytes: Buffer, at: number, reason: string): IngestError {
    return this.located(this.elemStart + at, this.elemLine + countNewlines(bytes.subarray(0, at)), reason);
  }

  private errorAt(i: number, reason: string): IngestError {
    return this.located(this.base + i, this.lineAt(i), reason);
  }

  private located(offset: number, line: number, reason: string): IngestError {
    return new IngestError(this.file, `byte ${offset} (line ${line})`, reason);
  }

  /** Line number of chunk index `i`; calls must not go backwards within a chunk. */
  private lineAt(i: number): number {
    let nl = this.nextNewline;
    while (nl < i) {
      this.newlinesSeen++;
      nl = this.findNewline(nl + 1);
    }
    this.nextNewline = nl;
    return this.linesBefore + this.newlinesSeen + 1;
  }

  private findNewline(from: number): number {
    const at = this.chunk.indexOf(NEWLINE, from);
    return at < 0 ? NONE : at;
  }
}

function countNewlines(buf: Buffer): number {
  let count = 0;
  let i = buf.indexOf(NEWLINE);
  while (i >= 0) {
    count++;
    i = buf.indexOf(NEWLINE, i + 1);
  }
  return count;
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * Where a text JSON.parse refused goes wrong, for the messages in which V8 gives no position (a trailing
 * comma: "Unexpected token ']', … is not valid JSON"). Only on this error path, so its cost does not
 * matter: jsonc-parser (VS Code's, maintained) in strict mode reports the offset of the first error.
 */
function firstSyntaxError(text: string): number {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? 0;
}
