import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../ingest-record';
import type { IngestRecord } from '../ingest-record';
import type { IngestContextUpdate, StixIngestItem } from './context-update';
import { parseStix } from './parse-stix';

const FIXTURES = join(__dirname, '../../../../test/fixtures/ingest/stix');

async function collect(source: string | Buffer, chunk = 113): Promise<StixIngestItem[]> {
  const input = typeof source === 'string' ? createReadStream(join(FIXTURES, source), { highWaterMark: chunk }) : (async function* () { yield source; })();
  const items: StixIngestItem[] = [];
  for await (const item of parseStix(input, { fileName: typeof source === 'string' ? source : 'inline.json' })) items.push(item);
  return items;
}

const records = (items: StixIngestItem[]): IngestRecord[] => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const updates = (items: StixIngestItem[]): IngestContextUpdate[] => items.flatMap((i) => (i.kind === 'context' ? [i.update] : []));
const rejects = (items: StixIngestItem[]) => items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []));
const notes = (items: StixIngestItem[]) => items.flatMap((i) => (i.kind === 'note' ? [i.note.message] : []));

describe('parseStix on a STIX 2.1 bundle', () => {
  it('extracts every equality of every pattern, with markings, identity and times', async () => {
    const items = await collect('bundle-2.1.json');
    const got = records(items).map((r) => [r.type, r.value, r.tlp ?? null]);
    expect(got).toEqual([
      ['ipv4', '198.51.100.23', 'green'],
      ['cidr', '203.0.113.0/24', 'green'],
      ['domain', 'update.badcdn.example', 'green'],
      ['domain', 'cdn-sync.example.net', 'green'],
      ['sha256', '3f786850e387550fdab836ed7e6dc881de23001b7e6e1b2e3c9f8a7b6d5c4e3f', 'amber'],
      ['md5', '9e107d9d372bb6826bd81d3542a419d6', 'amber'],
      ['ipv4', '192.0.2.77', 'amber'],
      ['email', 'payroll@hr-notice.example', 'red'],
      ['url', 'https://hr-notice.example/login?id=4', 'red'],
      ['registry-key', 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater', 'red'],
      ['mutex', 'Global\\SPad_4412', null],
      ['filename', 'msupd.dll', null],
      ['ipv4', '198.51.100.3', 'clear'],
      ['domain', 'staging.badcdn.example', null],
      ['sha1', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', null],
      ['ssdeep', '96:XWc4l8BdDhYJAf2Xz1:XWc4GBdDhYJAfW1', null],
      ['filename', 'invoice_0324.rar', null],
    ]);
    const first = records(items)[0]!;
    expect(first).toMatchObject({
      location: 'objects[3] (indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f)',
      externalId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      validFrom: '2024-03-02T10:15:00Z',
      validUntil: '2024-09-02T10:15:00Z',
      confidence: 85,
      labels: ['malicious-activity'],
      tags: ['marking:Northbridge sharing statement'],
      firstSeen: '2024-03-02T10:15:00.000Z',
    });
    expect(first.context).toContainEqual({ kind: 'kill-chain-phase', name: 'command-and-control', detail: 'mitre-attack' });
    expect(first.context).toContainEqual({ kind: 'other', name: 'Northbridge CERT', ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', detail: 'source identity' });
    expect(first.pattern).toContain("[ipv4-addr:value = '198.51.100.23'");
    expect(first.context?.some((c) => c.kind === 'pattern')).toBe(false);
    expect(records(items)[4]!.context).toContainEqual({ kind: 'other', name: 'CVE-2023-38831', detail: 'external reference (cve)' });
  });

  it('resolves relationships, sightings, reports and late markings into context updates after all records', async () => {
    const items = await collect('bundle-2.1.json', 29);
    const firstUpdate = items.findIndex((i) => i.kind === 'context');
    expect(items.slice(firstUpdate).some((i) => i.kind === 'record')).toBe(false);
    const byId = new Map(updates(items).map((u) => [u.externalId, u]));
    expect(byId.get('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f')).toMatchObject({
      sightings: 3,
      lastSeen: '2024-03-06T07:30:00Z',
      context: [
        { kind: 'malware', name: 'ShadowPad', detail: 'indicates' },
        // Second hop: the intrusion set that uses the malware (issue #17.6).
        { kind: 'intrusion-set', name: 'Lantern Group', detail: 'via ShadowPad: Lantern Group uses ShadowPad' },
        { kind: 'other', name: 'Paper Lantern: ShadowPad returns', detail: 'report; published: 2024-03-07' },
      ],
    });
    expect(byId.get('indicator--0c9e5d4b-3a2f-4e1d-8c7b-6a5f4e3d2c1b')).toMatchObject({
      tlp: 'amber+strict', // marking-definition defined after its use, recognised by the TLP 2.0 extension
      context: [{ kind: 'threat-actor', name: 'Paper Tiger', detail: 'attributed-to' }],
    });
    expect(byId.get('ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd')).toMatchObject({
      sightings: 7,
      firstSeen: '2024-03-05T19:00:00Z',
      context: [{ kind: 'infrastructure', name: 'BadCDN staging cluster', detail: 'consists-of' }],
    });
    expect(byId.get('indicator--1a0d5e1c-0b4e-4b8a-a0d0-4e2f6b9c7a11')?.context).toEqual([
      { kind: 'campaign', name: 'Operation Paper Lantern', ref: 'campaign--83422c77-904c-4dc1-aff5-5c38f3a2c55c', detail: 'indicates' },
    ]);
    expect(byId.get('indicator--b7c3e0f2-9a4d-4c6b-8e1f-2d3c4b5a6978')?.context?.[0]).toMatchObject({ kind: 'attack-pattern', name: 'T1566.001 Spearphishing Attachment' });
  });

  it('rejects malformed indicators with their index and id, and counts what it skipped', async () => {
    const items = await collect('bundle-2.1.json');
    expect(rejects(items)).toEqual([
      {
        location: 'objects[7] (indicator--9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a)',
        reason: "pattern does not parse: expected ']' to close the observation but found the end of the pattern at character 34",
        value: "[ipv4-addr:value = '198.51.100.99'",
      },
      { location: 'objects[9] (indicator--6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c)', reason: 'indicator without a string pattern' },
    ]);
    expect(notes(items)).toContain('1 × not imported: email-message:subject: LIKE is a fuzzy match; not a single indicator value (e.g. %invoice%)');
    expect(notes(items)).toContain('1 × not imported: x509-certificate without a known hash');
    // A YARA rule is valid STIX: a note, so that the file still imports without --partial.
    expect(notes(items)).toContain('1 × not imported: indicator with pattern_type yara: only STIX patterns are imported');
  });
});

describe('parseStix on what OpenCTI, Elastic and MVT write', () => {
  const indicator = (n: number, pattern: string) => ({
    type: 'indicator', spec_version: '2.1', id: `indicator--00000000-0000-4000-8000-00000000000${n}`, pattern, pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z',
  });

  it('reads wallets, user agents, file paths and addresses written as domain names; a pattern of nothing importable is a note', async () => {
    const bundle = {
      type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [
        indicator(1, "[cryptocurrency-wallet:value = '1CSUkd5FZMis5NDauKLDkcpvvgV1zrBCBz']"),
        indicator(2, "[domain-name:value='176.223.111.131']"),
        indicator(3, "[file:path = '/private/var/tmp/hooker']"),
        indicator(4, "[configuration-profile:id = 'a7e1d1b2-0c0e-4a5e-9f6b-2f0f3a1c9d11']"),
        { type: 'cryptocurrency-wallet', spec_version: '2.1', id: 'cryptocurrency-wallet--00000000-0000-4000-8000-000000000005', value: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy' },
        { type: 'user-agent', spec_version: '2.1', id: 'user-agent--00000000-0000-4000-8000-000000000006', value: 'Mozilla/5.0 (Lantern)' },
        { type: 'domain-name', spec_version: '2.1', id: 'domain-name--00000000-0000-4000-8000-000000000007', value: '2001:db8::7' },
      ],
    };
    const items = await collect(Buffer.from(JSON.stringify(bundle)));
    expect(records(items).map((r) => [r.type, r.value])).toEqual([
      ['crypto-wallet', '1CSUkd5FZMis5NDauKLDkcpvvgV1zrBCBz'],
      ['ipv4', '176.223.111.131'],
      ['filename', '/private/var/tmp/hooker'],
      ['crypto-wallet', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
      ['user-agent', 'Mozilla/5.0 (Lantern)'],
      ['ipv6', '2001:db8::7'],
    ]);
    expect(rejects(items)).toEqual([]);
    expect(notes(items)).toContain(
      "1 × not imported: indicator whose pattern has no comparison that maps to an indicator type (e.g. [configuration-profile:id = 'a7e1d1b2-0c0e-4a5e-9f6b-2f0f3a1c9d11'])",
    );
  });

  it('reads an OpenCTI negative sighting as a reported false positive, not as sightings', async () => {
    const target = indicator(1, "[domain-name:value = 'www.one-clap.jp']");
    const negative = {
      type: 'sighting', spec_version: '2.1', id: 'sighting--00000000-0000-4000-8000-000000000009', created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z',
      sighting_of_ref: target.id, count: 12, x_opencti_negative: true,
    };
    const items = await collect(Buffer.from(JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [target, negative] })));
    const updates = items.flatMap((i) => (i.kind === 'context' ? [i.update] : []));
    expect(updates).toHaveLength(1);
    expect(updates[0]!.sightings).toBeUndefined();
    expect(updates[0]!.context).toEqual([
      { kind: 'other', name: 'reported false positive', ref: negative.id, detail: 'negative sighting (x_opencti_negative), count 12' },
    ]);
  });
});

describe('parseStix on what MISP exports as STIX 2.0', () => {
  it('keeps a reference url out (observed-data labelled with a reference category), and the url of any other category in', async () => {
    const observed = (n: number, category: string, url: string) => ({
      type: 'observed-data', id: `observed-data--00000000-0000-4000-8000-00000000000${n}`, created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z',
      first_observed: '2024-01-01T00:00:00Z', last_observed: '2024-01-01T00:00:00Z', number_observed: 1,
      labels: ['misp:type="url"', `misp:category="${category}"`], objects: { '0': { type: 'url', value: url } },
    });
    const bundle = { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', spec_version: '2.0', objects: [
      observed(1, 'External analysis', 'https://blog.talosintelligence.com/uat-7237/'),
      observed(2, 'Network activity', 'http://lantern-c2.example/gate.php'),
    ] };
    const items = await collect(Buffer.from(JSON.stringify(bundle)));
    expect(records(items).map((r) => r.value)).toEqual(['http://lantern-c2.example/gate.php']);
    expect(notes(items)).toContain(
      '1 × not imported: url is a reference to a page about the event (MISP category "External analysis", exported as observed-data: to_ids false), not an indicator (e.g. https://blog.talosintelligence.com/uat-7237/)',
    );
  });
});

describe('parseStix on observables that name files by hash', () => {
  it("reads an artifact's and a certificate's hashes; unmarked objects carry no TLP of their own", async () => {
    const bundle = {
      type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [
        { type: 'artifact', spec_version: '2.1', id: 'artifact--00000000-0000-4000-8000-000000000002', mime_type: 'application/zip',
          hashes: { 'SHA-256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' } },
        { type: 'x509-certificate', spec_version: '2.1', id: 'x509-certificate--00000000-0000-4000-8000-000000000003',
          hashes: { 'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140' }, subject: 'CN=lantern' },
      ],
    };
    const found = records(await collect(Buffer.from(JSON.stringify(bundle))));
    expect(found.map((r) => [r.type, r.value, r.typeHint, r.tlp])).toEqual([
      ['sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', "artifact:hashes.'SHA-256'", undefined],
      ['sha1', '3395856ce81f2b7382dee72602f798b642f14140', "x509-certificate:hashes.'SHA-1'", undefined],
    ]);
  });
});

describe('parseStix on a STIX 2.0 bundle (Unit 42 playbook shape)', () => {
  it('reads labels, unhyphenated hash names and observed-data objects dictionaries', async () => {
    const items = await collect('playbook-2.0.json', 64);
    expect(records(items).map((r) => [r.type, r.value, r.tlp])).toEqual([
      ['sha256', 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c', 'amber'],
      ['sha1', '7c4a8d09ca3762af61e59520943dc26494f8941b', 'amber'],
      ['ipv4', '203.0.113.45', 'red'],
      ['domain', 'anchor-sync.example.org', 'red'],
      ['url', 'http://anchor-sync.example.org/gate.php', 'red'],
      ['email', 'logistics-update@example.org', 'red'],
      ['md5', '5d41402abc4b2a76b9719d911017c592', 'red'],
      ['sha512', '9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043', 'red'],
      ['filename', 'manifest.doc', 'red'],
    ]);
    expect(records(items)[2]).toMatchObject({ sightings: 4, firstSeen: '2019-05-28T04:11:00Z', lastSeen: '2019-06-02T17:45:00Z', labels: ['c2'], location: 'objects[3] (observed-data--7b8c9d0e-1f2a-4b3c-9d4e-f5a6b7c8d9e0) objects.0' });
    expect(updates(items)[0]?.context).toEqual([
      { kind: 'other', name: 'Rusty Anchor playbook, campaign 2', ref: 'report--5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9', detail: 'report; published: 2019-06-10' },
      { kind: 'intrusion-set', name: 'Rusty Anchor', ref: 'intrusion-set--4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', detail: 'indicates' },
    ]);
  });
});

describe('parseStix on other shapes and bad input', () => {
  const indicator = { type: 'indicator', id: 'indicator--1', pattern: "[url:value = 'http://a.example/']", valid_from: '2024-01-01T00:00:00Z' };

  it('accepts a TAXII 2.1 envelope, with "more" and "next" before or after its objects', async () => {
    for (const envelope of [{ objects: [indicator], more: false }, { more: true, next: 'page-2', objects: [indicator] }]) {
      expect(records(await collect(Buffer.from(JSON.stringify(envelope))))[0]).toMatchObject({ value: 'http://a.example/', location: 'objects[0] (indicator--1)' });
    }
  });

  it('accepts a bare array and a single object', async () => {
    expect(records(await collect(Buffer.from(JSON.stringify([indicator]))))[0]).toMatchObject({ value: 'http://a.example/', location: '[0] (indicator--1)' });
    expect(records(await collect(Buffer.from(JSON.stringify(indicator))))[0]).toMatchObject({ value: 'http://a.example/', location: '(indicator--1)' });
  });

  it('rejects objects of the wrong shape one by one', async () => {
    const items = await collect(Buffer.from(JSON.stringify({ type: 'bundle', objects: [5, { type: 'indicator' }, { ...indicator, id: 'malware--2' }, indicator] })));
    expect(rejects(items).map((r) => r.reason)).toEqual(['not a JSON object', "STIX object without a string 'type' and 'id'", 'id malware--2 does not match type indicator']);
    expect(records(items)).toHaveLength(1);
  });

  it.each([
    ['{}', 'empty JSON object: not a STIX bundle or object'],
    ['{"type":"bundle","objects":{}}', "the bundle's 'objects' must be an array"],
    ['{"type":"not-a-bundle","objects":[]}', 'a document with an \'objects\' array must be a bundle ("type": "bundle") or a TAXII envelope (only "more" and "next" beside it); found "type": "not-a-bundle"'],
    ['{"objects":[],"id":"x"}', 'a document with an \'objects\' array must be a bundle ("type": "bundle") or a TAXII envelope (only "more" and "next" beside it); found the fields id'],
    [
      '{"id":"Talos:STIXPackage-313f06fc","version":"1.1.1","stix_header":{"title":"Export"}}',
      'a STIX 1.x package, which this version does not read: convert it to STIX 2.1 (the OASIS stix2-elevator does) or import it as text (--format text), which finds the values but not their markings',
    ],
    ['', 'empty file'],
  ])('fails clearly on %j', async (text, reason) => {
    await expect(collect(Buffer.from(text))).rejects.toSatisfy((e: unknown) => e instanceof IngestError && e.reason === reason);
  });

  it('fails a truncated bundle with the byte offset', async () => {
    const text = JSON.stringify({ type: 'bundle', objects: [indicator, indicator] });
    await expect(collect(Buffer.from(text.slice(0, 90)))).rejects.toThrow(/inline\.json: byte 90 \(line 1\): unexpected end of JSON/);
  });
});
