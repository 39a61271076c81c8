/**
 * minisign's file formats, written and read here so a partner can check our signatures with the stock
 * `minisign -Vm manifest.json -P <public key>` (https://jedisct1.github.io/minisign/, "Signature format").
 *
 * We sign the prehashed way (algorithm `ED`: Ed25519 over the BLAKE2b-512 of the file), minisign's default
 * since 0.8, and the trusted comment is signed too (the "global signature"), so neither line can be
 * edited without verification failing.
 */
import { createHash } from 'node:crypto';
import { ed25519Sign, ed25519Verify, minisignKeyId } from './signing-key';

const PREHASHED = Buffer.from('ED', 'latin1');
const KEY_ALG = Buffer.from('Ed', 'latin1');

function blake2b512(bytes: Uint8Array): Buffer {
  return createHash('blake2b512').update(bytes).digest();
}

/** The key id as minisign prints it: the little-endian 64-bit number in upper-case hex. */
function keyIdText(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

/** The one-line public key minisign's `-P` takes (base64 of "Ed" + key id + key). */
export function minisignPublicKey(publicKey: Uint8Array): string {
  return Buffer.concat([KEY_ALG, minisignKeyId(publicKey), publicKey]).toString('base64');
}

/** The content of a minisign public key file (`-p FILE`). */
export function minisignPublicKeyFile(publicKey: Uint8Array): string {
  return `untrusted comment: minisign public key ${keyIdText(minisignKeyId(publicKey))}\n${minisignPublicKey(publicKey)}\n`;
}

/** Parses a one-line minisign public key; undefined when it is not one. */
export function parseMinisignPublicKey(line: string): Uint8Array | undefined {
  const bytes = strictBase64(line.trim());
  if (!bytes || bytes.length !== 42 || !bytes.subarray(0, 2).equals(KEY_ALG)) return undefined;
  const publicKey = new Uint8Array(bytes.subarray(10));
  return Buffer.from(minisignKeyId(publicKey)).equals(bytes.subarray(2, 10)) ? publicKey : undefined;
}

/** Signs `message` and returns the `.minisig` file text. Comments must be single lines. */
export function minisignSign(seed: Uint8Array, publicKey: Uint8Array, message: Uint8Array, trustedComment: string): string {
  if (/[\r\n]/.test(trustedComment)) throw new RangeError('The trusted comment must be one line.');
  const signature = ed25519Sign(seed, blake2b512(message));
  const globalSignature = ed25519Sign(seed, Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')]));
  const sigLine = Buffer.concat([PREHASHED, minisignKeyId(publicKey), signature]).toString('base64');
  return [
    `untrusted comment: signature from Liaison Workbench key ${keyIdText(minisignKeyId(publicKey))}`,
    sigLine,
    `trusted comment: ${trustedComment}`,
    Buffer.from(globalSignature).toString('base64'),
    '',
  ].join('\n');
}

export type MinisignCheck = { ok: true; trustedComment: string } | { ok: false; reason: string };

/** Verifies a `.minisig` text over `message` with `publicKey`, both the signature and the trusted comment. */
export function minisignVerify(publicKey: Uint8Array, message: Uint8Array, minisig: string): MinisignCheck {
  const lines = minisig.split('\n');
  if (lines.length !== 5 || lines[4] !== '' || !lines[0]!.startsWith('untrusted comment: ') || !lines[2]!.startsWith('trusted comment: ')) {
    return { ok: false, reason: 'the signature file is not in minisign format' };
  }
  const sig = strictBase64(lines[1]!);
  const global = strictBase64(lines[3]!);
  if (!sig || sig.length !== 74 || !global || global.length !== 64) return { ok: false, reason: 'the signature file is not in minisign format' };
  if (!sig.subarray(0, 2).equals(PREHASHED)) return { ok: false, reason: 'the signature uses an algorithm this version does not accept' };
  if (!sig.subarray(2, 10).equals(minisignKeyId(publicKey))) return { ok: false, reason: 'the signature was made with a different key than the manifest names' };
  const signature = sig.subarray(10);
  if (!ed25519Verify(publicKey, blake2b512(message), signature)) return { ok: false, reason: 'bad signature: the manifest is not what was signed' };
  const trustedComment = lines[2]!.slice('trusted comment: '.length);
  if (!ed25519Verify(publicKey, Buffer.concat([signature, Buffer.from(trustedComment, 'utf8')]), global)) {
    return { ok: false, reason: 'bad signature: the trusted comment was changed' };
  }
  return { ok: true, trustedComment };
}

/** Base64 decoding that refuses anything not in canonical form (node's decoder skips junk silently). */
function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
