/**
 * Reads a MISP feed folder: `manifest.json` (event uuid → {info, Orgc, Tag, date, …}), one
 * `<uuid>.json` per event, and optionally `hashes.csv`. hashes.csv is what PyMISP's feed generator
 * writes (pymisp/tools/feed.py): one `<md5 of value>,<event uuid>` line per attribute value, composite
 * values hashed per part. It is only cross-checked and reported, never imported.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { IngestError } from '../ingest-record';
import type { IngestItem, ParserContext } from '../ingest-record';
import { isCompositeMispType } from './misp-type-map';
import { parseMisp } from './parse-misp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Parses every event of a MISP feed folder; a missing or broken event file is a reject naming it. */
export async function* parseMispFeedFolder(dir: string, ctx: ParserContext): AsyncGenerator<IngestItem> {
  const manifest = await readManifest(dir, ctx.fileName);
  const uuids = Object.keys(manifest);
  const listed = new Set(uuids.map((u) => u.toLowerCase()));
  const seenHashes = new Set<string>();
  const onAttribute = (eventUuid: string, type: string, value: string): void => {
    for (const part of isCompositeMispType(type) ? value.split('|') : [value]) seenHashes.add(`${md5(part)},${eventUuid.toLowerCase()}`);
  };
  for (const uuid of uuids) {
    if (!UUID.test(uuid)) {
      // Keys become file names: anything but a UUID could point outside the folder.
      yield { kind: 'reject', reject: { location: 'manifest.json', reason: 'manifest key is not an event UUID', value: uuid } };
      continue;
    }
    yield* readEventFile(dir, `${uuid}.json`, ctx, onAttribute);
  }
  const extra = (await readdir(dir)).filter((name) => name.endsWith('.json') && name !== 'manifest.json' && !listed.has(name.slice(0, -5).toLowerCase()));
  for (const name of extra.sort()) {
    yield { kind: 'note', note: { location: name, message: 'event file not listed in manifest.json; read anyway' } };
    yield* readEventFile(dir, name, ctx, onAttribute);
  }
  yield* crossCheckHashes(dir, seenHashes);
}

async function readManifest(dir: string, fileName: string): Promise<Record<string, unknown>> {
  const path = join(dir, 'manifest.json');
  let text: string;
  try {
    const info = await stat(path);
    // A FIFO or device would block the read forever (and a FIFO reports size 0).
    if (!info.isFile()) throw new IngestError(fileName, 'manifest.json', 'not a regular file');
    if (info.size > MAX_MANIFEST_BYTES) throw new IngestError(fileName, 'manifest.json', `larger than ${MAX_MANIFEST_BYTES} bytes`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(fileName, 'manifest.json', `cannot read the feed manifest: ${(error as Error).message}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new IngestError(fileName, 'manifest.json', `invalid JSON: ${(error as Error).message}`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new IngestError(fileName, 'manifest.json', 'the manifest must be a JSON object keyed by event UUID');
  return manifest as Record<string, unknown>;
}

async function* readEventFile(dir: string, name: string, ctx: ParserContext, onAttribute: (uuid: string, type: string, value: string) => void): AsyncGenerator<IngestItem> {
  const path = join(dir, name);
  try {
    if (!(await stat(path)).isFile()) {
      yield { kind: 'reject', reject: { location: name, reason: 'not a regular file (a FIFO, device or folder is never opened)' } };
      return;
    }
  } catch {
    yield { kind: 'reject', reject: { location: name, reason: 'listed in manifest.json but the event file is missing' } };
    return;
  }
  try {
    yield* parseMisp(createReadStream(path), { ...ctx, fileName: name }, { locationPrefix: name, onAttribute });
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const reason = error instanceof IngestError ? `${error.location}: ${error.reason}` : (error as Error).message;
    yield { kind: 'reject', reject: { location: name, reason: `event file unreadable (records before the error were kept): ${reason}` } };
  }
}

async function* crossCheckHashes(dir: string, seen: Set<string>): AsyncGenerator<IngestItem> {
  const path = join(dir, 'hashes.csv');
  try {
    if (!(await stat(path)).isFile()) {
      yield { kind: 'note', note: { location: 'hashes.csv', message: 'not a regular file; not read' } };
      return;
    }
  } catch {
    return;
  }
  let listed = 0;
  let missing = 0;
  const matched = new Set<string>();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim().toLowerCase();
    if (line === '') continue;
    listed++;
    if (seen.has(line)) matched.add(line);
    else missing++;
  }
  const message = `hashes.csv: ${listed} entries, ${listed - missing} match the events, ${missing} not found in the events, ${seen.size - matched.size} event values not listed`;
  yield { kind: 'note', note: { location: 'hashes.csv', message } };
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
