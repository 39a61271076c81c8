/**
 * Writes a large, realistic STIX 2.1 bundle for benchmarks and memory tests (not a committed fixture).
 * Every indicator has a distinct IPv4, domain or SHA-256 pattern, a TLP marking and a relationship
 * to one of a few malware objects, so the context index is exercised as in vendor feeds.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const MALWARE = ['ShadowPad', 'QakBot', 'IcedID', 'Cobalt Strike'];

/** Writes a bundle of `count` indicators (plus one relationship per 10 indicators) to `path`; returns its size in bytes. */
export async function writeSyntheticStixBundle(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buffer = '';
  const write = async (text: string): Promise<void> => {
    buffer += text;
    if (buffer.length < 1 << 20) return;
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  await write('{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n');
  MALWARE.forEach((name, i) => {
    buffer += `${JSON.stringify({ type: 'malware', spec_version: '2.1', id: malwareId(i), created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name, is_family: true })},\n`;
  });
  for (let i = 0; i < count; i++) {
    const id = `indicator--${uuidFor(i)}`;
    const indicator = {
      type: 'indicator', spec_version: '2.1', id, created: '2024-03-01T00:00:00.000Z', modified: '2024-03-02T00:00:00.000Z',
      name: `Synthetic indicator ${i}`, indicator_types: ['malicious-activity'], pattern: patternFor(i), pattern_type: 'stix',
      valid_from: '2024-03-01T00:00:00Z', confidence: 50 + (i % 50),
      object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
    };
    await write(`${JSON.stringify(indicator)},\n`);
    if (i % 10 === 0) {
      const relationship = { type: 'relationship', spec_version: '2.1', id: `relationship--${uuidFor(i + 1e9)}`, created: '2024-03-01T00:00:00.000Z', modified: '2024-03-01T00:00:00.000Z', relationship_type: 'indicates', source_ref: id, target_ref: malwareId(i % MALWARE.length) };
      await write(`${JSON.stringify(relationship)},\n`);
    }
  }
  buffer += `${JSON.stringify({ type: 'identity', spec_version: '2.1', id: 'identity--00000000-0000-4000-8000-0000000000aa', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'Synthetic producer' })}\n]}\n`;
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}

function patternFor(i: number): string {
  switch (i % 3) {
    case 0: return `[ipv4-addr:value = '${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}.${(i % 200) + 1}']`;
    case 1: return `[domain-name:value = 'host-${i}.synthetic.example']`;
    default: return `[file:hashes.'SHA-256' = '${createHash('sha256').update(String(i)).digest('hex')}']`;
  }
}

function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex.slice(-12)}`;
}

function malwareId(i: number): string {
  return `malware--00000000-0000-4000-9000-00000000000${i}`;
}
