import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError, type IngestItem, type IngestRecord } from '../ingest-record';
import { createCsvParser, parseCsv } from './parse-csv';
import { propertySeed } from '../../../../test/helpers/property-seed';

async function* asAsync(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

const FIXTURES = join(__dirname, '../../../../test/fixtures/ingest/csv');

async function run(bytes: Uint8Array, fileName: string, parser = parseCsv, chunk = 5): Promise<IngestItem[]> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const items: IngestItem[] = [];
  for await (const item of parser(asAsync(parts), { fileName })) items.push(item);
  return items;
}
const fixture = async (name: string, parser = parseCsv) => run(await readFile(join(FIXTURES, name)), name, parser);
const records = (items: IngestItem[]): IngestRecord[] => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));

describe('parseCsv', () => {
  it('reads a vendor CSV with BOM, CRLF and quoted commas', async () => {
    const r = records(await fixture('vendor-feed.csv'));
    expect(r).toHaveLength(4);
    expect(r[0]).toEqual({
      type: 'domain', typeHint: 'domain', value: 'evil[.]com', location: 'line 2, column "indicator"',
      firstSeen: '2024-03-01T12:00:00.000Z', tags: ['apt', 'phishing'], comment: 'Seen in campaign, wave 2', confidence: 80,
    });
    expect(r[1]?.comment).toBe('Tor exit, "shared"');
    expect(r[1]?.type).toBe('ipv4');
    expect(r[3]?.type).toBe('md5');
  });

  it('reads a large chunk in slices without splitting a character or a row (blank rows skipped)', async () => {
    // The parser is fed 16,384-character slices; put an astral character across that boundary.
    const header = 'value,type,comment\n';
    const filler = ',,\n'.repeat(Math.ceil((16_384 - header.length - 30) / 3));
    const lead = header + filler;
    const pad = 'x'.repeat(16_383 - lead.length - 'evil-slice.com,domain,'.length);
    const text = `${lead}evil-slice.com,domain,${pad}\u{1F600} end\n${',,\n'.repeat(50_000)}198.51.100.77,ip-dst,last\n`;
    const r = records(await run(new TextEncoder().encode(text), 'slices.csv', parseCsv, 1 << 20));
    expect(r.map((x) => x.value)).toEqual(['evil-slice.com', '198.51.100.77']);
    expect(r[0]?.comment).toBe(`${pad}\u{1F600} end`);
    expect(r[1]?.location).toBe(`line ${text.split('\n').length - 1}, column "value"`);
  });

  it('decodes a Latin-1 CSV and notes it; sniffs the value column', async () => {
    const items = await fixture('latin1-feed.csv');
    expect(items[0]).toEqual({ kind: 'note', note: { location: 'file', message: expect.stringMatching(/windows-1252/) } });
    expect(records(items).map((x) => x.value)).toEqual(['météo-sûre.fr', '192.0.2.10']);
    expect(records(items)[0]?.location).toBe('line 2, column "valeur"');
  });

  it('reads a TSV with TLP column', async () => {
    const r = records(await fixture('feed.tsv'));
    expect(r.map((x) => [x.type, x.value, x.tlp])).toEqual([['ipv4', '1.2.3.4', 'green'], ['domain', 'bad.example.org', 'amber']]);
  });

  it('rejects ragged rows one by one', async () => {
    const items = await fixture('ragged.csv');
    const rejects = items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []));
    expect(rejects.map((x) => `${x.location}: ${x.reason}`)).toEqual(['line 3: expected 3 fields, got 2', 'line 4: expected 3 fields, got 4']);
    expect(records(items).map((x) => x.value)).toEqual(['evil.com', '5.6.7.8']);
  });

  it('fails on an unterminated quote with the line', async () => {
    await expect(fixture('unterminated.csv')).rejects.toThrow(new IngestError('unterminated.csv', 'line 3', 'unterminated quoted field at end of file'));
  });

  it('takes the header from an abuse.ch-style comment block', async () => {
    const r = records(await fixture('urlhaus-style.csv'));
    expect(r.map((x) => [x.type, x.value, x.location])).toEqual([
      ['url', 'http://103.45.67.89:41234/i', 'line 6, column "url"'],
      ['url', 'https://evil-cdn.example-bad.com/x.exe', 'line 7, column "url"'],
    ]);
    expect(r[0]?.tags).toEqual(['32-bit', 'elf', 'mips', 'Mozi']);
  });

  it('treats a header-less single column as a value list', async () => {
    const r = records(await fixture('values-only.csv'));
    expect(r.map((x) => [x.type, x.value, x.location])).toEqual([
      [null, 'evil.com', 'line 1'], [null, '1.2.3.4', 'line 2'], [null, '44d88612fea8a8f36de82e1278abb02f', 'line 3'], [null, 'hxxp://bad[.]org/x', 'line 4'],
    ]);
  });

  it('emits one record per typed hash column', async () => {
    const csv = 'sha256_hash,md5_hash,file_name\n9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,44d88612fea8a8f36de82e1278abb02f,a.exe\n';
    const r = records(await run(Buffer.from(csv), 'mb.csv'));
    expect(r.map((x) => x.type)).toEqual(['sha256', 'md5']);
  });

  it('reads quoted fields separated by ", " (ThreatFox), keeping quoted commas; a TSV keeps its empty fields', async () => {
    const csv = '"ioc_value", "ioc_type", "tags"\n"45.137.21.9:4782", "ip:port", "CinaRAT,Yggdrasil"\n "evil.example" ,"domain", ""\n';
    const r = records(await run(Buffer.from(csv), 'tf.csv'));
    expect(r.map((x) => [x.type, x.value, x.tags])).toEqual([
      ['ipv4', '45.137.21.9', ['CinaRAT', 'Yggdrasil']],
      ['domain', 'evil.example', undefined],
    ]);
    const tsv = 'value\ttype\tcomment\n1.2.3.4\t\tno type given\n';
    expect(records(await run(Buffer.from(tsv), 'feed.tsv')).map((x) => [x.type, x.value, x.comment])).toEqual([[null, '1.2.3.4', 'no type given']]);
  });

  it('follows an explicit mapping', async () => {
    const csv = 'a;b;c\nx;evil.com;TLP:RED\n';
    const parser = createCsvParser({ map: { value: 'b', tlp: 'c' } });
    const r = records(await run(Buffer.from(csv), 'm.csv', parser));
    expect(r).toEqual([{ type: null, value: 'evil.com', location: 'line 2, column "b"', tlp: 'red' }]);
    await expect(run(Buffer.from(csv), 'm.csv', createCsvParser({ map: { value: 'nope' } }))).rejects.toThrow(/mapped column "nope"/);
  });

  it('uses a type column with MISP / STIX vocabularies', async () => {
    const csv = 'type,value\nip-dst,2001:db8::1\nipv4-addr,1.2.3.4\nhash,3395856ce81f2b7382dee72602f798b642f14140\nfilename|md5,a.exe|44d88612fea8a8f36de82e1278abb02f\n';
    const r = records(await run(Buffer.from(csv), 't.csv'));
    expect(r.map((x) => [x.type, x.value])).toEqual([
      ['ipv6', '2001:db8::1'], ['ipv4', '1.2.3.4'], ['sha1', '3395856ce81f2b7382dee72602f798b642f14140'], ['md5', '44d88612fea8a8f36de82e1278abb02f'],
    ]);
  });

  it('reads a list whose "Indicator" column holds types and "Data" the values (Sophos); a Description row is a note', async () => {
    const csv =
      '\uFEFFIndicator,Data,Note\r\n' +
      'Description,https://vendor.example/blog/campaign-x/ \u200E,Indicators of campaign X\r\n' +
      'SHA256,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,WIN: loader.dll\r\n' +
      'URL,cdn-update[.]example-bad.com,C2 (malware/callhome)\r\n' +
      'URL,raw.example-bad.com/staging/,Used for staging\r\n' +
      'file_path_name,C:\\PerfLogs\\plink.exe,"tool (incident one, pre-exploit)"\r\n';
    const items = await run(Buffer.from(csv), 'vendor.csv');
    expect(records(items).map((x) => [x.type, x.value])).toEqual([
      ['sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
      ['hostname', 'cdn-update[.]example-bad.com'],
      ['url', 'raw.example-bad.com/staging/'],
      ['filename', 'C:\\PerfLogs\\plink.exe'],
    ]);
    expect(items.filter((i) => i.kind === 'note').map((i) => i.kind === 'note' && i.note)).toEqual([
      { location: 'line 2', message: 'a "Description" row describes the list; not read as an indicator' },
    ]);
  });

  it('tells, rather than rejects, rows the list types as something that is no indicator (MISP CSV: yara, port)', async () => {
    const csv = 'type,value,to_ids\nyara,"rule lantern { condition: true }",0\nport,8443,0\nip-dst,203.0.113.7,1\ndomain,not a domain,0\n';
    const items = await run(Buffer.from(csv), 'misp-export.csv');
    expect(items.filter((i) => i.kind === 'note').map((i) => i.kind === 'note' && i.note.message)).toEqual([
      'a "yara" row is not an indicator type; not imported', 'a "port" row is not an indicator type; not imported',
    ]);
    // A row of a type we import, whose value does not fit it, is still a record (and rejected later).
    expect(records(items).map((r) => [r.type, r.value, r.context])).toEqual([
      ['ipv4', '203.0.113.7', undefined],
      ['domain', 'not a domain', [{ kind: 'other', name: 'not for detection', detail: 'to_ids is false' }]],
    ]);
  });

  it('numbers lines right after quoted fields with CRLF inside (csv-parse counts CR and LF apart)', async () => {
    const csv = 'value,comment\r\n"rule x {\r\n  strings: $a\r\n}",yara\r\n203.0.113.7,"two\r\nlines"\r\nevil.example,c\r\n';
    const r = records(await run(Buffer.from(csv), 'y.csv'));
    expect(r.map((x) => [x.value, x.location])).toEqual([
      ['rule x {\r\n  strings: $a\r\n}', 'line 2, column "value"'],
      ['203.0.113.7', 'line 5, column "value"'],
      ['evil.example', 'line 7, column "value"'],
    ]);
  });

  it('reads SSLBL-style reason and date columns, and drops "None" tag placeholders (URLhaus)', async () => {
    const csv = 'Listingdate,SHA1,Listingreason\n2024-03-01 10:00:00,3395856ce81f2b7382dee72602f798b642f14140,AsyncRAT C&C\n';
    expect(records(await run(Buffer.from(csv), 'sslbl.csv'))).toEqual([expect.objectContaining({
      type: 'sha1', firstSeen: '2024-03-01T10:00:00.000Z', comment: 'AsyncRAT C&C',
    })]);
    const urlhaus = 'url,tags\nhttp://203.0.113.9/x,None\n';
    expect(records(await run(Buffer.from(urlhaus), 'u.csv'))[0]?.tags).toEqual([]);
  });

  it('lets content overrule a header that names the wrong column ("Address,url" over hosts; "#ip,ioc" over descriptions)', async () => {
    const threatfox = records(await run(Buffer.from('Address,url\njghskd9kfx7.brazilsouth.cloudapp.azure.com, IOC FOUND\ntpowe2.com, IOC FOUND\n'), 'hostfile.csv'));
    expect(threatfox.map((r) => [r.value, r.location])).toEqual([
      ['jghskd9kfx7.brazilsouth.cloudapp.azure.com', 'line 2, column "Address"'],
      ['tpowe2.com', 'line 3, column "Address"'],
    ]);
    const c2s = records(await run(Buffer.from('#ip,ioc\n172.21.25.140,TEST DATA\n1.116.160.39,Possible Cobaltstrike C2 IP\n'), 'c2.csv'));
    expect(c2s.map((r) => r.value)).toEqual(['172.21.25.140', '1.116.160.39']);
    // The header's own name for the column, '#' and all, maps it too.
    const mapped = records(await run(Buffer.from('#ip,ioc\n1.116.160.39,Possible C2\n'), 'c2.csv', createCsvParser({ map: { value: '#ip' } })));
    expect(mapped.map((r) => r.value)).toEqual(['1.116.160.39']);
  });

  it('reads each hash of a cell that lists several (Volexity "file" rows), an entity_type column, and an address in a Domain column', async () => {
    const volexity = records(await run(Buffer.from(
      'value,entity_type,description\n"019d4ae42f858d5ea65f3b71392dd37efec6c882,02c48917b15015ddd02738bc1f480f9c6379165618435855030f4c63ce372485,7a15cdb53c6c2a8e40a03dcf15195aef",file,XESkim sample\n144.217.117.74,ipaddress,C2\n',
    ), 'volexity.csv'));
    expect(volexity.map((r) => [r.type, r.value])).toEqual([
      [null, '019d4ae42f858d5ea65f3b71392dd37efec6c882'],
      [null, '02c48917b15015ddd02738bc1f480f9c6379165618435855030f4c63ce372485'],
      [null, '7a15cdb53c6c2a8e40a03dcf15195aef'],
      ['ipv4', '144.217.117.74'],
    ]);
    const unit42 = records(await run(Buffer.from('Domain,Comment\nlantern-c2.com,Malware\n185.165.29.25,Malware\n'), 'domains.csv'));
    expect(unit42.map((r) => [r.type, r.value])).toEqual([['domain', 'lantern-c2.com'], ['ipv4', '185.165.29.25']]);
  });

  it("reads the columns a report's IOC table names in words (C2 Server, Download URL, Cert thumbprint), not references; placeholders are notes", async () => {
    const csv = [
      'SHA256,C2 Server,Download URL,phish_detail_url,Cert thumbprint,Source URL',
      '0b2a794bac4bf650b6ba537137504162520b67266449be979679afbb14e8e5c0,frameworksupport[.]net,http://www[.]pfirsterer[.]com/chrome99[.]exe,https://phishtank.example/d?id=1,3395856ce81f2b7382dee72602f798b642f14140,https://blog.example/post',
      '169f68ba605ae82cdfe11a293fe3ffd59b97e05e301096188e241ca6af3cef2c,Unknown,[CORRUPT],https://phishtank.example/d?id=2,Thumbprint: 4D36C532A0A1C1E2F3B4A5D6C7E8F9A0B1C2D3E4,https://blog.example/post',
    ].join('\n');
    const items = await run(Buffer.from(csv), 'bitter.csv');
    expect(records(items).map((r) => [r.value, r.location])).toEqual([
      ['0b2a794bac4bf650b6ba537137504162520b67266449be979679afbb14e8e5c0', 'line 2, column "SHA256"'],
      ['frameworksupport[.]net', 'line 2, column "C2 Server"'],
      ['http://www[.]pfirsterer[.]com/chrome99[.]exe', 'line 2, column "Download URL"'],
      ['3395856ce81f2b7382dee72602f798b642f14140', 'line 2, column "Cert thumbprint"'],
      ['169f68ba605ae82cdfe11a293fe3ffd59b97e05e301096188e241ca6af3cef2c', 'line 3, column "SHA256"'],
      ['4D36C532A0A1C1E2F3B4A5D6C7E8F9A0B1C2D3E4', 'line 3, column "Cert thumbprint"'],
    ]);
    expect(items.filter((i) => i.kind === 'note').map((i) => (i.kind === 'note' ? i.note.message : ''))).toEqual([
      '"Unknown" in column "C2 Server" stands for a missing value; not imported',
      '"[CORRUPT]" in column "Download URL" stands for a missing value; not imported',
    ]);
  });

  it('reads a CRLF file with a few bare-LF lines as one row per line', async () => {
    const items = await run(Buffer.from('value,type,comment,source\r\nlantern-c2.com,domain,a,x\r\n198.51.100.7,ip,b,y\nhttps://hole.example/d.csv,url,c,z\r\n'), 'mixed.csv');
    expect(items.filter((i) => i.kind === 'reject')).toEqual([]);
    expect(records(items).map((r) => [r.value, r.location])).toEqual([
      ['lantern-c2.com', 'line 2, column "value"'],
      ['198.51.100.7', 'line 3, column "value"'],
      ['https://hole.example/d.csv', 'line 4, column "value"'],
    ]);
  });

  it('never throws anything but IngestError on arbitrary text or bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.string({ unit: fc.constantFrom('a', '1', '.', ',', ';', '"', '\n', '\r', '\t', '|', ' ', 'x@y', 'é') , maxLength: 300 }).map((s) => Buffer.from(s))), async (bytes) => {
        try {
          await run(bytes, 'fuzz.csv', parseCsv, 7);
        } catch (e) {
          expect(e).toBeInstanceOf(IngestError);
        }
      }),
      { numRuns: 400, ...propertySeed() },
    );
  });

  it('streams a large file with bounded work per row', async () => {
    const rows = ['indicator,type'];
    for (let i = 0; i < 100_000; i++) rows.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},ip-dst`);
    const bytes = Buffer.from(rows.join('\n'));
    const t0 = performance.now();
    const n = records(await run(bytes, 'big.csv', parseCsv, 65536)).length;
    const ms = performance.now() - t0;
    console.log(`csv: ${Math.round(n / (ms / 1000))} rows/s (${(bytes.length / 1e6 / (ms / 1000)).toFixed(1)} MB/s)`);
    expect(n).toBe(100_000);
  });
});
