/**
 * Deterministic STIX identifiers: a UUIDv5 (RFC 9562 §5.5) over a fixed namespace and a canonical key,
 * so the same indicator, technique or briefing keeps its id across re-exports and consumers update the
 * object they already hold instead of collecting duplicates.
 */
import { createHash } from 'node:crypto';

/** Liaison Workbench's own namespace for UUIDv5 ids; never change it, or every exported id changes. */
export const LIAISON_STIX_NAMESPACE = 'f7b8a6b2-07f5-4584-9b16-5d6067f03151';

const NAMESPACE_BYTES = uuidBytes(LIAISON_STIX_NAMESPACE);

/** A UUIDv5 of `name` in `namespace` (defaults to LIAISON_STIX_NAMESPACE). */
export function uuidV5(name: string, namespace: string = LIAISON_STIX_NAMESPACE): string {
  const ns = namespace === LIAISON_STIX_NAMESPACE ? NAMESPACE_BYTES : uuidBytes(namespace);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `type--uuidv5(type + key)`: the key is what makes two objects the same (e.g. an indicator's type and canonical value). */
export function stixId(type: string, key: string): string {
  return `${type}--${uuidV5(`${type}\u0000${key}`)}`;
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}
