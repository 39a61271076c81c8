import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * Writes `{"type":"bundle",…,"objects":[{…,"description":"xxxx…"}]}` with a description of `stringBytes`
 * bytes, streaming to disk in 1 MiB pieces so the test itself never holds the string.
 */
export async function writeHugeStringBundle(file: string, stringBytes: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string | Buffer) => new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  await write(
    '{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[\n' +
      '{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","pattern_type":"stix",' +
      '"pattern":"[domain-name:value = \'huge.example.net\']","valid_from":"2024-01-01T00:00:00Z","description":"',
  );
  const piece = Buffer.alloc(1 << 20, 'A');
  for (let left = stringBytes; left > 0; left -= piece.length) await write(left >= piece.length ? piece : piece.subarray(0, left));
  await write('"}\n]}\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** `depth` opening brackets then as many closing ones, optionally inside a STIX bundle's objects. */
export function deepNesting(depth: number, wrap: 'bare' | 'stix' | 'misp'): string {
  const body = '['.repeat(depth) + ']'.repeat(depth);
  if (wrap === 'stix') return `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[${body}]}`;
  if (wrap === 'misp') return `{"response":[${body}]}`;
  return body;
}

/** Deterministic pseudo-random bytes with NULs in them (a "binary file"). */
export function binaryBytes(length: number, seed = 'liaison'): Buffer {
  const out = Buffer.alloc(length);
  let block = crypto.createHash('sha256').update(seed).digest();
  for (let i = 0; i < length; i++) {
    if (i % 32 === 0 && i > 0) block = crypto.createHash('sha256').update(block).digest();
    out[i] = block[i % 32]!;
  }
  out[7] = 0;
  return out;
}
