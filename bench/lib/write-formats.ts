import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SyntheticIndicator } from './synthetic-indicators';

const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

const PATTERN_PATHS: Record<SyntheticIndicator['type'], string> = {
  ipv4: 'ipv4-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  sha256: "file:hashes.'SHA-256'",
  md5: 'file:hashes.MD5',
  email: 'email-addr:value',
};

/** Writes chunks through a stream, honouring back-pressure so memory stays flat for 1M rows. */
async function writeAll(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

function uuidFor(i: number): string {
  const h = i.toString(16).padStart(12, '0');
  return `5e1f0000-0000-4000-8000-${h}`;
}

/** A STIX 2.1 bundle with one indicator object (pattern, TLP:GREEN marking) per value. */
export function writeStixBundle(path: string, indicators: Iterable<SyntheticIndicator>): Promise<void> {
  return writeAll(path, (function* () {
    yield '{"type":"bundle","id":"bundle--5e1f0000-0000-4000-8000-000000000000","objects":[\n';
    let i = 0;
    for (const { type, value } of indicators) {
      const object = {
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${uuidFor(i)}`,
        created: '2026-10-01T08:00:00.000Z',
        modified: '2026-10-01T08:00:00.000Z',
        name: `${type} seen in campaign`,
        indicator_types: ['malicious-activity'],
        pattern: `[${PATTERN_PATHS[type]} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`,
        pattern_type: 'stix',
        valid_from: '2026-10-01T08:00:00Z',
        object_marking_refs: [TLP_GREEN],
      };
      yield `${i ? ',\n' : ''}${JSON.stringify(object)}`;
      i++;
    }
    yield '\n]}\n';
  })());
}

/** A CSV with a header, one row per value. */
export function writeCsv(path: string, indicators: Iterable<SyntheticIndicator>): Promise<void> {
  return writeAll(path, (function* () {
    yield 'type,value,first_seen,tlp\r\n';
    for (const { type, value } of indicators) yield `${type},${value},2026-10-01T08:00:00Z,green\r\n`;
  })());
}

function defang(value: string): string {
  return value.replace(/^http/, 'hxxp').replace(/\./g, '[.]').replace('@', '[@]');
}

/** A prose report: one sentence per indicator, network indicators defanged as analysts write them. */
export function writeTextReport(path: string, indicators: Iterable<SyntheticIndicator>): Promise<void> {
  return writeAll(path, (function* () {
    yield '# Cyber Activity Report: synthetic campaign\n\nThe following infrastructure was observed.\n\n';
    for (const { type, value } of indicators) {
      const shown = type === 'sha256' || type === 'md5' ? value : defang(value);
      yield `- Observed ${type} ${shown} during the intrusion.\n`;
    }
  })());
}
