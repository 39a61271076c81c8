/**
 * STIX 2.0 / 2.1 parser: a bundle (STIX 2.1 §8), a TAXII 2.1 envelope (§3.7: `objects`, `more`, `next`,
 * no `type`; what a collection's objects endpoint returns), a bare JSON array of objects, or a single object.
 * Streams the file in one pass (see ../json/json-element-splitter.ts); records are yielded as each
 * object is read, and references that resolve only later arrive as `context` items at the end
 * (see ./context-update.ts).
 */
import { IngestError } from '../ingest-record';
import type { ParserContext, ParserInput } from '../ingest-record';
import { DEFAULT_MAX_ELEMENT_BYTES } from '../json/json-element-splitter';
import type { JsonElement } from '../json/json-element-splitter';
import { NoteTally } from '../json/note-tally';
import { streamJsonElements } from '../json/stream-json-elements';
import type { StixIngestItem } from './context-update';
import { StixContextIndex } from './stix-context-index';
import { stixObjectItems } from './stix-object-items';
import type { StixObjectScope } from './stix-object-items';

export interface StixParseOptions {
  /** Largest single STIX object in bytes (default 64 MiB). */
  maxObjectBytes?: number;
}

/** Parses a STIX 2.0/2.1 document from a byte stream; fatal problems throw IngestError. */
export async function* parseStix(input: ParserInput, ctx: ParserContext, options: StixParseOptions = {}): AsyncGenerator<StixIngestItem> {
  const maxBytes = options.maxObjectBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
  const scope: StixObjectScope = { index: new StixContextIndex(), tally: new NoteTally() };
  const root: Record<string, unknown> = {};
  const rootKeys = new Set<string>();
  let bytesRead = 0;
  let records = 0;
  let streamedObjects = false;
  let objectCount = 0;
  let rootKind: 'object' | 'array' = 'object';
  const elements = streamJsonElements(input, {
    fileName: ctx.fileName,
    streamKeys: ['objects'],
    maxElementBytes: maxBytes,
    signal: ctx.signal,
    onRoot: (kind) => (rootKind = kind),
    onArrayStart: () => (streamedObjects = true),
    onBytes: (n) => {
      bytesRead = n;
      ctx.onProgress?.({ bytesRead: n, bytesTotal: ctx.bytesTotal, records });
    },
  });
  for await (const batch of elements) {
    for (const element of batch) {
      if (element.kind === 'field') {
        rootKeys.add(element.key!);
        // Root fields are kept only while the root might be a single object; a bundle needs just its type.
        if (!streamedObjects || element.key === 'type') root[element.key!] = element.value;
        if (!streamedObjects && bytesRead > maxBytes && root.type !== 'bundle') throw tooLarge(ctx.fileName, maxBytes);
        continue;
      }
      objectCount++;
      for (const item of stixObjectItems(element.value, locationOf(element), scope)) {
        if (item.kind === 'record') records++;
        yield item;
      }
    }
  }
  yield* finishDocument(rootKind, root, rootKeys, streamedObjects, objectCount, ctx.fileName, scope);
}

function* finishDocument(
  rootKind: 'object' | 'array',
  root: Record<string, unknown>,
  rootKeys: ReadonlySet<string>,
  streamedObjects: boolean,
  objectCount: number,
  fileName: string,
  scope: StixObjectScope,
): Generator<StixIngestItem> {
  const isRootObject = rootKind === 'object';
  if (objectCount === 0 && streamedObjects) yield { kind: 'note', note: { location: 'document', message: 'no STIX objects in the file' } };
  if (streamedObjects && isRootObject && root.type !== 'bundle' && !isTaxiiEnvelope(rootKeys)) {
    throw new IngestError(
      fileName,
      'type',
      `a document with an 'objects' array must be a bundle ("type": "bundle") or a TAXII envelope (only "more" and "next" beside it); found ${root.type === undefined ? `the fields ${[...rootKeys].join(', ')}` : `"type": ${JSON.stringify(root.type)}`}`,
    );
  }
  if (!streamedObjects && isRootObject) {
    if (isStix1Package(root)) {
      throw new IngestError(
        fileName,
        'document',
        'a STIX 1.x package, which this version does not read: convert it to STIX 2.1 (the OASIS stix2-elevator does) or import it as text (--format text), which finds the values but not their markings',
      );
    }
    if (root.type === 'bundle') {
      if ('objects' in root) throw new IngestError(fileName, 'objects', "the bundle's 'objects' must be an array");
      yield { kind: 'note', note: { location: 'bundle', message: 'the bundle has no objects' } };
    } else if (Object.keys(root).length === 0) {
      throw new IngestError(fileName, 'byte 0', 'empty JSON object: not a STIX bundle or object');
    } else {
      // A single STIX object as the whole document.
      yield* stixObjectItems(root, `(${typeof root.id === 'string' ? root.id : 'document'})`, scope);
    }
  }
  for (const update of scope.index.finish()) yield { kind: 'context', update };
  for (const note of scope.tally.notes()) yield { kind: 'note', note };
}

/** STIX 1.x in JSON (python-stix): a package with a header and a 1.x version, no STIX 2 `type`. */
function isStix1Package(root: Record<string, unknown>): boolean {
  return root.type === undefined && ('stix_header' in root || (typeof root.version === 'string' && root.version.startsWith('1.')));
}

/** A TAXII 2.1 envelope has no `type`, and nothing beside its objects but `more` and `next`. */
function isTaxiiEnvelope(rootKeys: ReadonlySet<string>): boolean {
  return [...rootKeys].every((key) => key === 'more' || key === 'next');
}

function locationOf(element: JsonElement): string {
  const prefix = element.key === null ? `[${element.index}]` : `objects[${element.index}]`;
  const value = element.value as { id?: unknown } | null;
  const id = value && typeof value === 'object' && typeof value.id === 'string' ? value.id : undefined;
  return id ? `${prefix} (${id})` : prefix;
}

function tooLarge(fileName: string, maxBytes: number): IngestError {
  return new IngestError(fileName, 'document', `a single STIX object larger than ${maxBytes} bytes`);
}
