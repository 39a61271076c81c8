/**
 * Reads a bundle file as a stream and refuses it at the first problem: decryption (age authenticates
 * every 64 KiB chunk), then the strict ustar layout, the manifest's format and signature, the declared
 * sizes against the real size (before any payload is read), and each payload's hash and string lengths
 * as it streams. Nothing here writes anything.
 */
import { createHash } from 'node:crypto';
import { identityToRecipient } from 'age-encryption';
import fs from 'node:fs';
import path from 'node:path';
import { TLP_MARKING_IDS } from '../ingest/stix/tlp-markings';
import { tlpRank } from '../vault/queries/tlp-rank';
import { AgeError, decryptAge } from './age-payload';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-limits';
import { BundleRejected, type BundleProblem } from './bundle-rejection';
import { ByteReader } from './byte-reader';
import { custodySchema, verifyCustody, type CustodyEntry } from './custody';
import { identityFingerprint } from './fingerprint';
import { BUNDLE_FORMAT, manifestSchema, PART_NAMES, type BundleManifest } from './manifest';
import { minisignVerify, parseMinisignPublicKey } from './minisign';
import { StringLengthGuard } from './string-limit';
import { trustedComment } from './bundle-file-writer';
import { BLOCK, headerName, headerSize, paddingAfter, tarHeader } from './ustar';

const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n', 'latin1');
const AGE_ARMOR = Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----', 'latin1');
const TAR_START = Buffer.from('manifest.json\0', 'latin1');

export interface BundleReadOptions {
  /** age identities (`AGE-SECRET-KEY-1…`) that may open an encrypted bundle. */
  ageIdentities: readonly string[];
  /** Keep bundle.json's bytes (an import needs them; a verify does not). */
  keepStix: boolean;
  limits?: Partial<BundleLimits>;
}

/** The producer as the manifest names it; the fingerprint is recomputed from the keys. */
export interface BundleSigner {
  fingerprint: string;
  analyst: string;
  organisation: string;
  stixId: string;
  minisignPublicKey: string;
  ageRecipient: string;
}

export interface OpenedBundle {
  file: string;
  fileBytes: number;
  encrypted: boolean;
  manifest: BundleManifest;
  signer: BundleSigner;
  custody: CustodyEntry[];
  /** bundle.json, when `keepStix`. */
  stix?: Uint8Array;
}

/** A bundle on disk, or its bytes (an upload to the browser host: never copied to an unencrypted temp file). */
export type BundleSource = string | { name: string; bytes: Uint8Array };

/** Opens and fully checks a bundle; throws BundleRejected at the first problem. */
export async function readBundleFile(source: BundleSource, options: BundleReadOptions): Promise<OpenedBundle> {
  const file = typeof source === 'string' ? path.basename(source) : source.name;
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const reject = (problem: BundleProblem, place: string, reason: string): never => {
    throw new BundleRejected(problem, file, place, reason);
  };
  let fileBytes: number;
  let head: Buffer;
  try {
    fileBytes = typeof source === 'string' ? fs.statSync(source).size : source.bytes.length;
    head = typeof source === 'string' ? readHead(source, 64) : Buffer.from(source.bytes.subarray(0, 64));
  } catch (error) {
    throw new BundleRejected('not-a-bundle', file, 'file', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const encrypted = head.subarray(0, AGE_MAGIC.length).equals(AGE_MAGIC);
  if (!encrypted) {
    if (head.subarray(0, AGE_ARMOR.length).equals(AGE_ARMOR)) reject('not-a-bundle', 'byte 0', 'ASCII-armoured age is not accepted; send the binary file');
    if (!head.subarray(0, TAR_START.length).equals(TAR_START)) reject('not-a-bundle', 'byte 0', 'not a Liaison bundle (neither an age-encrypted file nor a bundle archive starting with manifest.json)');
  }
  const { chunks, plainBytes } = encrypted ? await decryptingChunks(source, fileBytes, options.ageIdentities, reject) : { chunks: sourceChunks(source), plainBytes: fileBytes };
  const reader = new ByteReader(chunks);
  try {
    const ownRecipients = encrypted ? await Promise.all(options.ageIdentities.map((identity) => identityToRecipient(identity))) : [];
    return await readArchive(reader, { file, fileBytes, plainBytes, encrypted, ownRecipients, limits, keepStix: options.keepStix, reject });
  } catch (error) {
    if (error instanceof BundleRejected) throw error;
    if (error instanceof AgeError) return reject(error.kind, `plaintext byte ${reader.position}`, error.message);
    throw error;
  } finally {
    await chunks.return?.();
  }
}

interface ArchiveContext {
  file: string;
  fileBytes: number;
  plainBytes: number;
  encrypted: boolean;
  /** The age recipients of the identities that opened an encrypted file. */
  ownRecipients: readonly string[];
  limits: BundleLimits;
  keepStix: boolean;
  reject: (problem: BundleProblem, place: string, reason: string) => never;
}

async function readArchive(reader: ByteReader, ctx: ArchiveContext): Promise<OpenedBundle> {
  const { reject, limits } = ctx;
  const headers: Uint8Array[] = [];
  const nextHeader = async (index: number): Promise<number> => {
    const expected = PART_NAMES[index]!;
    const at = reader.position;
    const header = await reader.read(BLOCK);
    if (!header) return reject('truncated', `byte ${at}`, `the file ends where ${expected} should start`);
    const name = headerName(header);
    if (name !== expected) {
      const known = (PART_NAMES as readonly string[]).includes(name);
      return reject('parts', `byte ${at}`, known ? `parts are out of order: found ${name} where ${expected} belongs` : `expected ${expected}, found "${name}"`);
    }
    const size = headerSize(header);
    if (Number.isNaN(size)) reject('parts', `${expected} header`, 'the size field is not a ustar size');
    headers.push(header);
    return size;
  };
  const readPadding = async (part: string, size: number): Promise<void> => {
    const padding = await reader.read(paddingAfter(size));
    if (!padding) reject('truncated', part, 'the file ends inside the padding after this part');
    if (padding!.some((b) => b !== 0)) reject('parts', `${part} padding`, 'the padding after this part is not zero');
  };
  const readSmallPart = async (index: number, max: number): Promise<Uint8Array> => {
    const name = PART_NAMES[index]!;
    const size = await nextHeader(index);
    if (size > max) reject('limits', name, `declares ${size} bytes; at most ${max} are accepted`);
    if (size > ctx.plainBytes - reader.position) reject('limits', name, `declares ${size} bytes but only ${ctx.plainBytes - reader.position} remain in the file`);
    const data = await reader.read(size);
    if (!data) return reject('truncated', name, 'the file ends inside this part');
    await readPadding(name, size);
    return data;
  };

  const manifestData = await readSmallPart(0, limits.maxManifestBytes);
  const manifest = parseManifest(manifestData, reject);
  const signatureData = await readSmallPart(1, limits.maxSignatureBytes);
  const signer = checkSignature(manifest, manifestData, signatureData, reject);
  checkDeclaredSizes(manifest, reader.position, ctx);
  const { data: stix, objects: stixObjects } = await readPayload(reader, await nextHeader(2), manifest.payload[0], ctx, true);
  await readPadding('bundle.json', manifest.payload[0].size);
  const { data: custodyData } = await readPayload(reader, await nextHeader(3), manifest.payload[1], ctx, true);
  await readPadding('custody.json', manifest.payload[1].size);
  const trailer = await reader.read(2 * BLOCK);
  if (!trailer) reject('truncated', 'end of archive', 'the file ends before the end-of-archive blocks');
  if (trailer!.some((b) => b !== 0)) reject('parts', 'end of archive', 'the end-of-archive blocks are not zero');
  if (!(await reader.atEnd())) reject('parts', `byte ${reader.position}`, 'data follows the end of the archive');
  // Headers are compared whole with what we write (mtime = the signed creation time): no byte of them is free.
  const mtime = Math.floor(Date.parse(manifest.created) / 1000);
  const sizes = [manifestData.length, signatureData.length, manifest.payload[0].size, manifest.payload[1].size];
  headers.forEach((header, i) => {
    if (!Buffer.from(header).equals(tarHeader(PART_NAMES[i]!, sizes[i]!, mtime))) reject('parts', `${PART_NAMES[i]} header`, 'the archive header differs from the one the producer writes');
  });
  checkEncryption(manifest, ctx);
  const custody = parseCustody(custodyData, manifest, reject);
  checkStixContent(stix, stixObjects, manifest, reject);
  return { file: ctx.file, fileBytes: ctx.fileBytes, encrypted: ctx.encrypted, manifest, signer, custody, ...(ctx.keepStix ? { stix } : {}) };
}

function parseManifest(data: Uint8Array, reject: ArchiveContext['reject']): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return reject('damaged', 'manifest.json', 'not JSON');
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BUNDLE_FORMAT) {
    return reject('format-version', 'manifest.json', `unknown format version ${JSON.stringify(format)?.slice(0, 60) ?? 'none'} (this version reads ${BUNDLE_FORMAT})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return reject('damaged', 'manifest.json', `${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  return parsed.data;
}

function checkSignature(manifest: BundleManifest, manifestData: Uint8Array, signature: Uint8Array, reject: ArchiveContext['reject']): BundleSigner {
  const { producer } = manifest;
  const publicKey = parseMinisignPublicKey(producer.minisign_public_key);
  if (!publicKey) return reject('bad-signature', 'manifest.json', 'the producer key is not a minisign Ed25519 public key');
  const fingerprint = identityFingerprint(publicKey, producer.age_recipient);
  if (fingerprint !== producer.fingerprint) reject('bad-signature', 'manifest.json', "the producer's fingerprint does not match its keys");
  const text = Buffer.from(signature).toString('utf8');
  const check = minisignVerify(publicKey, manifestData, text);
  if (!check.ok) return reject('bad-signature', 'manifest.json.minisig', check.reason);
  if (check.trustedComment !== trustedComment(manifest)) reject('bad-signature', 'manifest.json.minisig', 'the signed comment does not describe this manifest');
  // The untrusted comment is not covered by minisign; we accept only the exact line we write.
  if (!text.startsWith('untrusted comment: signature from Liaison Workbench key ')) reject('bad-signature', 'manifest.json.minisig', 'unexpected untrusted comment');
  const keyIdLine = text.split('\n', 1)[0]!;
  if (!/^untrusted comment: signature from Liaison Workbench key [0-9A-F]{16}$/.test(keyIdLine)) reject('bad-signature', 'manifest.json.minisig', 'unexpected untrusted comment');
  const keyId = Buffer.from(Buffer.from(text.split('\n')[1]!, 'base64').subarray(2, 10)).reverse().toString('hex').toUpperCase();
  if (!keyIdLine.endsWith(keyId)) reject('bad-signature', 'manifest.json.minisig', 'the untrusted comment names another key');
  return {
    fingerprint,
    analyst: producer.analyst,
    organisation: producer.organisation,
    stixId: producer.stix_identity_id,
    minisignPublicKey: producer.minisign_public_key,
    ageRecipient: producer.age_recipient,
  };
}

/**
 * The archive's whole length follows from the manifest; comparing it with the real length refuses a
 * manifest that declares more (or less) than the file holds before a single payload byte is read.
 */
function checkDeclaredSizes(manifest: BundleManifest, position: number, ctx: ArchiveContext): void {
  const [stix, custody] = manifest.payload;
  if (stix.name !== 'bundle.json' || custody.name !== 'custody.json') ctx.reject('parts', 'manifest.json', 'the payload list is not bundle.json then custody.json');
  if (stix.size > ctx.limits.maxStixBytes) ctx.reject('limits', 'manifest.json', `bundle.json declared as ${stix.size} bytes; at most ${ctx.limits.maxStixBytes} are accepted`);
  if (custody.size > ctx.limits.maxCustodyBytes) ctx.reject('limits', 'manifest.json', `custody.json declared as ${custody.size} bytes; at most ${ctx.limits.maxCustodyBytes} are accepted`);
  const { total } = manifest.objects;
  if (total > ctx.limits.maxObjects) ctx.reject('limits', 'manifest.json', `declares ${total} objects; at most ${ctx.limits.maxObjects} are accepted`);
  if (total * ctx.limits.minObjectBytes > stix.size) ctx.reject('limits', 'manifest.json', `declares ${total} objects in ${stix.size} bytes, more than that many bytes can hold`);
  const byType = Object.values(manifest.objects.by_type).reduce((a, b) => a + b, 0);
  if (byType !== total) ctx.reject('damaged', 'manifest.json', `the counts by type add up to ${byType}, not ${total}`);
  const padded = (n: number) => BLOCK + n + paddingAfter(n);
  // The manifest and signature were read; the rest of the archive must fill the file exactly.
  const expected = position + padded(stix.size) + padded(custody.size) + 2 * BLOCK;
  if (expected !== ctx.plainBytes) {
    const why = expected > ctx.plainBytes ? 'truncated, or sizes out of proportion to the file' : 'extra data';
    ctx.reject(expected > ctx.plainBytes ? 'truncated' : 'parts', 'manifest.json', `declares ${stix.size + custody.size} payload bytes, which needs an archive of ${expected} bytes; this one has ${ctx.plainBytes} (${why})`);
  }
}

async function readPayload(
  reader: ByteReader,
  size: number,
  declared: BundleManifest['payload'][number],
  ctx: ArchiveContext,
  keep: boolean,
): Promise<{ data: Uint8Array; objects: number }> {
  const { reject } = ctx;
  const name = declared.name;
  if (size !== declared.size) reject('hash-mismatch', name, `the archive holds ${size} bytes but the manifest declares ${declared.size}`);
  if (size + paddingAfter(size) + 2 * BLOCK > ctx.plainBytes - reader.position) reject('truncated', name, `declares ${size} bytes but only ${ctx.plainBytes - reader.position} remain in the file`);
  const hash = createHash('sha256');
  const guard = new StringLengthGuard(ctx.limits.maxStringBytes);
  const kept = new Uint8Array(keep ? size : 0);
  let filled = 0;
  let tooLong = false;
  const complete = await reader.stream(size, (chunk) => {
    if (!guard.feed(chunk)) {
      tooLong = true;
      return false;
    }
    hash.update(chunk);
    if (keep) kept.set(chunk, filled);
    filled += chunk.length;
    return true;
  });
  if (tooLong) reject('limits', name, `a string is longer than ${ctx.limits.maxStringBytes} bytes`);
  if (!complete) reject('truncated', name, 'the file ends inside this part');
  if (hash.digest('hex') !== declared.sha256) reject('hash-mismatch', name, 'its SHA-256 differs from the signed manifest (the content was changed)');
  return { data: kept, objects: guard.objects };
}

function checkEncryption(manifest: BundleManifest, ctx: ArchiveContext): void {
  const declared = manifest.encrypted_to.length > 0;
  if (manifest.tlp_max === 'red' && !declared) ctx.reject('tlp', 'manifest.json', 'TLP:RED content must be encrypted to named recipients, and this bundle names none');
  if (declared && !ctx.encrypted) ctx.reject('tlp', 'file', 'the producer encrypted this bundle to named recipients, but this copy is not encrypted (someone decrypted and passed it on)');
  if (!declared && ctx.encrypted) ctx.reject('parts', 'file', 'the file is encrypted but its signed manifest names no recipients');
  // A recipient can decrypt and re-encrypt to anyone (stock age does it); the signed list says who the
  // producer meant it for, and a copy that reached anyone else was passed on, as a decrypted copy would be.
  if (declared && ctx.encrypted && !manifest.encrypted_to.some((recipient) => ctx.ownRecipients.includes(recipient))) {
    ctx.reject('tlp', 'file', 'the producer encrypted this bundle to other recipients; this copy was re-encrypted to this vault by someone else (passed on)');
  }
}

function parseCustody(data: Uint8Array, manifest: BundleManifest, reject: ArchiveContext['reject']): CustodyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return reject('custody', 'custody.json', 'not JSON');
  }
  const parsed = custodySchema.safeParse(json);
  if (!parsed.success) return reject('custody', 'custody.json', `not a custody chain (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`);
  if (parsed.data.bundle_id !== manifest.bundle_id) reject('custody', 'custody.json', 'the chain belongs to another bundle');
  const check = verifyCustody(parsed.data.entries);
  if (!check.ok) reject('custody', 'custody.json', check.reason);
  return parsed.data.entries;
}

/**
 * bundle.json is the STIX bundle the manifest names, with the signed number of objects, and refers to no
 * TLP marking above the ceiling. Checked on the raw bytes (the count from the streaming scan, marking ids
 * by a native search): parsing 65 MB into a tree here cost as much again as the import that follows,
 * which parses it anyway.
 */
function checkStixContent(stix: Uint8Array, objects: number, manifest: BundleManifest, reject: ArchiveContext['reject']): void {
  const bytes = Buffer.from(stix.buffer, stix.byteOffset, stix.byteLength);
  const prefix = `{"type":"bundle","id":"${manifest.bundle_id}","objects":[`;
  if (!bytes.subarray(0, prefix.length).equals(Buffer.from(prefix))) reject('content', 'bundle.json', 'not the STIX bundle the manifest names');
  if (objects !== manifest.objects.total) reject('content', 'bundle.json', `holds ${objects} objects, the manifest declares ${manifest.objects.total}`);
  const ceiling = tlpRank(manifest.tlp_max);
  for (const [id, level] of Object.entries(TLP_MARKING_IDS)) {
    if (tlpRank(level) <= ceiling) continue;
    const at = bytes.indexOf(`"${id}"`);
    if (at >= 0) reject('tlp', `bundle.json byte ${at}`, `refers to the TLP:${level.toUpperCase()} marking, above the bundle's ceiling TLP:${manifest.tlp_max.toUpperCase()}`);
  }
}

function readHead(filePath: string, n: number): Buffer {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const read = fs.readSync(fd, buffer, 0, n, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

const CHUNK = 1024 * 1024;

function sourceChunks(source: BundleSource): AsyncIterator<Uint8Array> {
  if (typeof source === 'string') return fs.createReadStream(source, { highWaterMark: CHUNK })[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  const { bytes } = source;
  return (async function* () {
    for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
  })();
}

async function decryptingChunks(
  source: BundleSource,
  fileBytes: number,
  identities: readonly string[],
  reject: ArchiveContext['reject'],
): Promise<{ chunks: AsyncIterator<Uint8Array>; plainBytes: number }> {
  if (identities.length === 0) reject('wrong-recipient', 'age header', 'the bundle is encrypted and this vault has no identity to open it');
  const encrypted = sourceChunks(source);
  try {
    return await decryptAge(encrypted, fileBytes, identities);
  } catch (error) {
    await encrypted.return?.();
    if (error instanceof AgeError) return reject(error.kind, 'age header', error.message);
    throw error;
  }
}
