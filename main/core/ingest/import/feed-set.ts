/**
 * A MISP feed recognised by content wherever its files arrive (issue #17.1). Picked file by file in the
 * UI (no folder picker), a feed's `hashes.csv` (MD5s of attribute values: MISP's lookup index, not
 * indicators) was imported as 1,053 "md5" indicators and its `manifest.json` reported as "could not be
 * read to the end". Here:
 * - a chosen `manifest.json` (by content: an object keyed by event UUIDs) turns the files beside it into
 *   one feed: on disk the folder is imported as a feed; among uploads, the events it lists;
 * - a `hashes.csv` or a manifest without its events is never read as indicators: it is reported as what
 *   it is, with what to do instead.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { IngestError, type IngestItem, type ParserContext } from '../ingest-record';
import { parseMisp } from '../misp';
import type { ImportInput } from './collect-inputs';
import type { FileImportResult } from './import-summary';

const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');
/** A manifest opens with its first event's UUID as a key; an event file opens with "Event". */
const MANIFEST_HEAD = new RegExp(`^\\uFEFF?\\s*\\{\\s*"${UUID_SOURCE}"\\s*:\\s*\\{`, 'i');
/** PyMISP's feed generator writes `<md5 of a value>,<event uuid>` per line. */
const HASHES_LINE = new RegExp(`^[0-9a-f]{32},${UUID_SOURCE}$`, 'i');
const HEAD_BYTES = 4096;
const EVENT_HEAD = /^\uFEFF?\s*\{\s*"Event"\s*:/;

/** A feed whose files were uploaded (the browser host): the manifest and the files chosen with it. */
export interface UploadedFeed {
  kind: 'misp-feed-bytes';
  path: string;
  manifest: Uint8Array;
  /** Event files by lower-case name, and hashes.csv if it came along. */
  files: Map<string, Uint8Array>;
}

/** What a file is, judged by its first bytes: a feed manifest, a feed's hashes.csv, or anything else. */
export function feedPartOf(head: Uint8Array): 'manifest' | 'hashes' | undefined {
  const text = headText(head);
  if (MANIFEST_HEAD.test(text)) return 'manifest';
  // Whole lines only: the last one may be cut by the head's end.
  const lines = text.split(/\r?\n/).slice(0, -1).map((line) => line.trim()).filter(Boolean);
  if (lines.length > 0 && lines.every((line) => HASHES_LINE.test(line))) return 'hashes';
  return undefined;
}

/**
 * Regroups the inputs of one import: every file beside a chosen `manifest.json` becomes that folder's
 * feed, and uploads listed by an uploaded manifest become one uploaded feed. `headOf` reads a file's
 * first bytes (injected: this module never opens files itself).
 */
export async function groupFeeds(inputs: readonly ImportInput[], headOf: (path: string) => Promise<Uint8Array>): Promise<(ImportInput | UploadedFeed)[]> {
  const feedFolders = new Set<string>();
  for (const input of inputs) {
    if (input.kind !== 'file' || baseName(input.path).toLowerCase() !== 'manifest.json') continue;
    // A manifest chosen alone is reported as such (loneFeedPartResult); with files beside it, it is the feed.
    const beside = inputs.some((other) => other !== input && other.kind === 'file' && dirname(other.path) === dirname(input.path));
    if (beside && feedPartOf(await headOf(input.path)) === 'manifest') feedFolders.add(dirname(input.path));
  }
  const grouped: (ImportInput | UploadedFeed)[] = [];
  for (const input of inputs) {
    if (input.kind === 'file' && feedFolders.has(dirname(input.path))) {
      const folder = dirname(input.path);
      feedFolders.delete(folder);
      grouped.push({ kind: 'misp-feed', path: folder });
    } else if (input.kind !== 'file' || !isInFeedFolder(input.path, grouped)) {
      grouped.push(input);
    }
  }
  return groupUploadedFeed(grouped);
}

function isInFeedFolder(path: string, grouped: readonly (ImportInput | UploadedFeed)[]): boolean {
  return grouped.some((input) => input.kind === 'misp-feed' && input.path === dirname(path));
}

/** Uploads: one manifest among them takes the event files it lists and hashes.csv into one feed. */
function groupUploadedFeed(inputs: (ImportInput | UploadedFeed)[]): (ImportInput | UploadedFeed)[] {
  const manifestAt = inputs.findIndex((input) => input.kind === 'bytes' && feedPartOf(input.bytes) === 'manifest');
  if (manifestAt < 0) return inputs;
  const manifest = inputs[manifestAt] as Extract<ImportInput, { kind: 'bytes' }>;
  let listed: Set<string>;
  try {
    listed = new Set(Object.keys(JSON.parse(new TextDecoder().decode(manifest.bytes)) as object).map((uuid) => `${uuid.toLowerCase()}.json`));
  } catch {
    return inputs;
  }
  const feed: UploadedFeed = { kind: 'misp-feed-bytes', path: manifest.path, manifest: manifest.bytes, files: new Map() };
  const rest: (ImportInput | UploadedFeed)[] = [];
  for (const input of inputs) {
    if (input === manifest) continue;
    const name = input.kind === 'bytes' ? baseName(input.path).toLowerCase() : '';
    // As in a feed folder, an event file the manifest does not list is read with the feed.
    const part = input.kind === 'bytes' && (listed.has(name) || (name.endsWith('.json') && EVENT_HEAD.test(headText(input.bytes))) || (name === 'hashes.csv' && feedPartOf(input.bytes) === 'hashes'));
    if (input.kind === 'bytes' && part) feed.files.set(name, input.bytes);
    else rest.push(input);
  }
  // A manifest uploaded without any of its events is reported on its own (loneFeedPartResult).
  if (![...feed.files.keys()].some((name) => name.endsWith('.json'))) return inputs;
  return [feed, ...rest];
}

/** SHA-256 of an uploaded feed's manifest: the feed's identity for "already imported" (see earlier-import.ts). */
export function uploadedFeedSha256(feed: UploadedFeed): string {
  return createHash('sha256').update(feed.manifest).digest('hex');
}

/** The events of an uploaded feed, in manifest order; a listed event that was not chosen is a reject naming it. */
export async function* parseUploadedFeed(feed: UploadedFeed, ctx: ParserContext): AsyncGenerator<IngestItem> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(feed.manifest));
  } catch (error) {
    throw new IngestError(ctx.fileName, 'manifest.json', `invalid JSON: ${(error as Error).message}`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new IngestError(ctx.fileName, 'manifest.json', 'the manifest must be a JSON object keyed by event UUID');
  for (const uuid of Object.keys(manifest)) {
    if (!UUID.test(uuid)) {
      yield { kind: 'reject', reject: { location: 'manifest.json', reason: 'manifest key is not an event UUID', value: uuid } };
      continue;
    }
    const name = `${uuid.toLowerCase()}.json`;
    const bytes = feed.files.get(name);
    if (!bytes) {
      yield { kind: 'reject', reject: { location: `${uuid}.json`, reason: 'listed in manifest.json but the event file was not among the chosen files' } };
      continue;
    }
    yield* parseMisp(once(bytes), { ...ctx, fileName: `${uuid}.json` }, { locationPrefix: `${uuid}.json` });
  }
  const listed = new Set(Object.keys(manifest).map((uuid) => `${uuid.toLowerCase()}.json`));
  for (const name of [...feed.files.keys()].filter((n) => n !== 'hashes.csv' && !listed.has(n)).sort()) {
    yield { kind: 'note', note: { location: name, message: 'event file not listed in manifest.json; read anyway' } };
    yield* parseMisp(once(feed.files.get(name)!), { ...ctx, fileName: name }, { locationPrefix: name });
  }
  if (feed.files.has('hashes.csv')) {
    yield { kind: 'note', note: { location: 'hashes.csv', message: "hashes.csv is the feed's lookup index (MD5s of its values), not indicators: not imported" } };
  }
}

function headText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES));
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A feed part that arrived alone: reported as what it is, with what to do, never read as indicators. */
export function loneFeedPartResult(result: FileImportResult, part: 'manifest' | 'hashes'): FileImportResult {
  const reason =
    part === 'hashes'
      ? "a MISP feed's hashes.csv: MD5s of the feed's attribute values that MISP uses for lookups, not indicators; not imported. Choose the feed's folder (or its manifest.json with the event files)"
      : "a MISP feed's manifest.json: it lists the feed's events but holds no indicators. Choose it together with the event files, or the feed's folder";
  return { ...result, format: 'misp-feed', notes: [{ file: result.file, location: 'file', reason }], feedPart: part };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
