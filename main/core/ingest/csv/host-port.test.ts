import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../indicators';
import { isFileNameNotDomain } from '../../indicators/file-name-shape';
import type { IngestItem, IngestRecord } from '../ingest-record';
import { splitHostPort } from './host-port';
import { parseCsv } from './parse-csv';

async function records(text: string): Promise<IngestRecord[]> {
  const items: IngestItem[] = [];
  for await (const item of parseCsv((async function* () {
    yield new TextEncoder().encode(text);
  })(), { fileName: 'c2.csv' })) items.push(item);
  return items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
}

describe('IP:PORT and host:port rows (issue #17.4: 397 of 438 C2 rows were lost)', () => {
  it('splits an address or name from its port, and nothing else', () => {
    expect(splitHostPort('163.172.147.222:4555')).toEqual({ host: '163.172.147.222', port: 4555 });
    expect(splitHostPort('163[.]172[.]147[.]222:4555')).toEqual({ host: '163.172.147.222', port: 4555 });
    expect(splitHostPort('[2001:db8::1]:443')).toEqual({ host: '2001:db8::1', port: 443 });
    expect(splitHostPort('c2.badhost.top:6606')).toEqual({ host: 'c2.badhost.top', port: 6606 });
    expect(splitHostPort('c2.badhost.top:70000')).toBeUndefined();
    expect(splitHostPort('HKLM:Software')).toBeUndefined();
    expect(splitHostPort('http://c2.badhost.top:443')).toBeUndefined();
    expect(splitHostPort('2001:db8::1')).toBeUndefined();
  });

  it('imports each row as the network indicator with the port as context', async () => {
    const rows = await records('ioc,malware\n163.172.147.222:4555,AsyncRAT\nc2.badhost.top:6606,AsyncRAT\n[2001:db8::7]:443,AsyncRAT\n');
    expect(rows.map((r) => [r.value, r.context?.map((c) => c.name)])).toEqual([
      ['163.172.147.222', ['AsyncRAT', 'port 4555']],
      ['c2.badhost.top', ['AsyncRAT', 'port 6606']],
      ['2001:db8::7', ['AsyncRAT', 'port 443']],
    ]);
    const bare = await records('163.172.147.222:4555\n45.61.137.10:8080\n');
    expect(bare.map((r) => [r.value, r.context?.[0]?.name])).toEqual([['163.172.147.222', 'port 4555'], ['45.61.137.10', 'port 8080']]);
  });
});

describe('a file name is not a domain (issue #17.4)', () => {
  it('files a name typed as a domain that ends in an undelegated file extension as a file name', () => {
    expect(isFileNameNotDomain('order-130722.28554.iso')).toBe(true);
    expect(canonicalize('domain', 'order-130722.28554.iso')).toMatchObject({ ok: true, type: 'filename', value: 'order-130722.28554.iso' });
    expect(canonicalize('hostname', 'Invoice_2024.PDF')).toMatchObject({ ok: true, type: 'filename' });
    // Delegated TLDs that look like extensions stay names; so do real names.
    expect(canonicalize('domain', 'update-files.zip')).toMatchObject({ ok: true, type: 'domain' });
    expect(canonicalize('domain', 'evil-c2.top')).toMatchObject({ ok: true, type: 'domain' });
    expect(isFileNameNotDomain('mail.example.com')).toBe(false);
  });
});
