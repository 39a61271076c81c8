import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../ingest-record';
import type { IngestItem, IngestRecord } from '../ingest-record';
import { parseMispFeedFolder } from './misp-feed-folder';
import { parseMisp } from './parse-misp';

const FIXTURES = join(__dirname, '../../../../test/fixtures/ingest/misp');

async function collect(source: string | Buffer, options: { maxEventBytes?: number } = {}): Promise<IngestItem[]> {
  const input = typeof source === 'string' ? createReadStream(join(FIXTURES, source), { highWaterMark: 71 }) : (async function* () { yield source; })();
  const items: IngestItem[] = [];
  for await (const item of parseMisp(input, { fileName: 'misp.json' }, options)) items.push(item);
  return items;
}

const records = (items: IngestItem[]): IngestRecord[] => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const notes = (items: IngestItem[]) => items.flatMap((i) => (i.kind === 'note' ? [i.note] : []));

describe('parseMisp', () => {
  it('maps attributes and object attributes, splitting composite types', async () => {
    const items = await collect('event-amber-strict.json');
    expect(records(items).map((r) => [r.type, r.value, r.typeHint])).toEqual([
      ['ipv4', '198.51.100.61', 'ip-dst|port (part 1)'],
      ['domain', 'onenote-cdn.example', 'domain|ip (part 1)'],
      ['ipv4', '203.0.113.14', 'domain|ip (part 2)'],
      ['cve', 'CVE-2023-21716', 'vulnerability'],
      ['filename', 'Invoice_4471.one', 'filename'],
      ['sha256', '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', 'sha256'],
      ['filename', 'Invoice_4471.one', 'malware-sample (part 1)'],
      ['md5', '8d777f385d3dfec8815d20f7496026dc', 'malware-sample (part 2)'],
      ['registry-key', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\onenote_upd|rundll32.exe C:\\Users\\Public\\upd.dll,Start', 'regkey|value'],
    ]);
  });

  it('narrows TLP by attribute tags, counts sightings, keeps tags, galaxies and the event title', async () => {
    const [c2, domain, ip] = records(await collect('event-amber-strict.json'));
    expect(c2).toMatchObject({
      tlp: 'amber+strict',
      toIds: true,
      comment: 'C2 seen in sandbox',
      sightings: 2,
      lastSeen: '2024-02-15T09:40:00.000Z',
      externalId: 'a1000000-0000-4000-8000-000000000001',
      location: 'Event 5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10 Attribute[0]',
      tags: ['type:OSINT', 'misp-galaxy:malpedia="QakBot"'],
    });
    expect(c2!.context).toEqual(
      expect.arrayContaining([
        { kind: 'other', name: 'Phishing wave delivering QakBot via OneNote attachments', ref: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10', detail: 'MISP event' },
        { kind: 'other', name: 'Harbour ISAC', detail: 'source organisation' },
        { kind: 'malware', name: 'QakBot', ref: '7d7b0cb5-5c8c-4a1b-9ef7-1f6a1c3e2b4d', detail: 'Malpedia' },
        { kind: 'attack-pattern', name: 'Spearphishing Attachment - T1566.001', ref: '2e34237d-8574-43f6-aace-ae2915de8597', detail: 'Attack Pattern' },
        { kind: 'other', name: '2222', detail: 'second part of MISP ip-dst|port' },
      ]),
    );
    // The galaxy tag and the cluster it names are one piece of context, not two.
    expect(c2!.context!.filter((c) => c.name === 'QakBot')).toHaveLength(1);
    expect(domain).toMatchObject({ tlp: 'clear', firstSeen: '2024-02-13T08:00:00.000000+00:00', lastSeen: '2024-02-14T12:00:00.000000+00:00' });
    expect(domain!.context).toContainEqual({ kind: 'other', name: '203.0.113.14', detail: 'paired in MISP domain|ip' });
    expect(ip!.context).toContainEqual({ kind: 'other', name: 'onenote-cdn.example', detail: 'paired in MISP domain|ip' });
  });

  it('reads a TLP tag written with stray spaces (Talos events carry " TLP:WHITE")', async () => {
    const event = { Event: { uuid: 'e-talos', info: 'Talos report', Tag: [{ name: ' TLP:WHITE' }], Attribute: [{ type: 'ip-dst', value: '198.51.100.70', to_ids: true }] } };
    const [record] = records(await collect(Buffer.from(JSON.stringify(event))));
    expect(record).toMatchObject({ value: '198.51.100.70', tlp: 'clear' });
    expect(record!.tags ?? []).toEqual([]);
  });

  it('explains what it did not import', async () => {
    const messages = notes(await collect('event-amber-strict.json')).map((n) => n.message);
    expect(messages).toEqual([
      '1 × not imported: link is a reference to a page about the event (MISP category "External analysis"), not an indicator (e.g. https://blog.example.org/qakbot-onenote)',
      '1 × not imported: MISP type email-subject has no indicator type (e.g. Invoice #4471 overdue)',
      '1 × not imported: deleted MISP attribute (e.g. hxxps://onenote-cdn[.]example/d/inv.one)',
    ]);
  });

  it('streams a response list; the strictest event TLP wins; bad attributes are rejected', async () => {
    const items = await collect('response-list.json');
    expect(records(items).map((r) => [r.type, r.value, r.tlp, r.toIds])).toEqual([
      ['ipv4', '192.0.2.200', 'green', true],
      ['hostname', 'beacon.cs-lab.example', 'green', true],
      ['ja3', '72a589da586844d7f0818ce684948eea', 'green', true],
      ['asn', '64500', 'green', false],
      ['crypto-wallet', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'red', true],
      ['user-agent', 'Mozilla/5.0 (DrainerKit)', 'red', false],
    ]);
    expect(records(items)[0]!.location).toBe('response[0] Event 6a2d0b4f-8e3c-4d9f-a0b2-4c7e3f5d9b21 Attribute[0]');
    expect(items.flatMap((i) => (i.kind === 'reject' ? [i.reject.reason] : []))).toEqual(['MISP Attribute without a string type and value']);
  });

  it('accepts a bare array of events and fails clearly on the wrong shapes', async () => {
    const event = { Event: { uuid: 'e1', Attribute: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }] } };
    expect(records(await collect(Buffer.from(JSON.stringify([event, event]))))).toHaveLength(2);
    await expect(collect(Buffer.from('{"response": {}}'))).rejects.toThrow(/"response" must be a list of events, objects or attributes/);
    await expect(collect(Buffer.from('{"foo": 1}'))).rejects.toThrow(/not a MISP event/);
    await expect(collect(Buffer.from('{"Event": {"uuid": "e1", "Attribute": ['))).rejects.toThrow(/unexpected end of JSON/);
  });

  it('reads the attribute and object search results of the MISP API (restSearch)', async () => {
    const event = { uuid: 'e-search', info: 'Lantern phishing wave', Orgc: { name: 'CERT-X' }, Tag: [{ name: 'misp-galaxy:threat-actor="Lantern Spider"' }] };
    const attributes = { response: { Attribute: [
      { type: 'domain', value: 'lantern-login.example', to_ids: true, uuid: 'a1', Event: event, Tag: [{ name: 'tlp:green' }] },
      { type: 'AS', value: '174', to_ids: false, uuid: 'a2', event_uuid: 'e-other' },
    ] } };
    const found = records(await collect(Buffer.from(JSON.stringify(attributes))));
    expect(found.map((r) => [r.type, r.value, r.tlp])).toEqual([['domain', 'lantern-login.example', 'green'], ['asn', '174', undefined]]);
    expect(found[0]?.context).toEqual(expect.arrayContaining([
      { kind: 'other', name: 'Lantern phishing wave', ref: 'e-search', detail: 'MISP event' },
      { kind: 'threat-actor', name: 'Lantern Spider', detail: 'MISP galaxy threat-actor' },
    ]));
    expect(found[1]?.location).toBe('response Attribute[1]');
    const objects = { response: [{ Object: { name: 'email', uuid: 'o1', event_id: '12', Attribute: [{ type: 'email-src', value: 'j.doe@lantern-mail.example', to_ids: true }] } }] };
    const fromObjects = records(await collect(Buffer.from(JSON.stringify(objects))));
    expect(fromObjects.map((r) => [r.type, r.value, r.location])).toEqual([['email', 'j.doe@lantern-mail.example', 'response[0] Event 12 Object[0] (email) Attribute[0]']]);
  });

  it("keeps reference links, the victim's assets and to_ids=false apart; reads false-positive and expiration sightings", async () => {
    const event = { Event: { uuid: 'e2', Attribute: [
      { type: 'url', category: 'External analysis', to_ids: false, value: 'https://research.example.org/lantern.pdf' },
      { type: 'url', category: 'Network activity', to_ids: true, value: 'http://lantern-c2.example/gate' },
      { type: 'filename', category: 'Payload delivery', to_ids: false, value: 'invoice.one' },
      { type: 'domain', to_ids: true, value: 'lantern-c2.example', Sighting: [{ type: '1', date_sighting: '1700000000' }, { type: '2', date_sighting: '1750000000' }] },
    ], Object: [{ name: 'corporate-asset', Attribute: [{ type: 'ip-src', value: '198.51.100.20', to_ids: false }] }] } };
    const items = await collect(Buffer.from(JSON.stringify(event)));
    const found = records(items);
    expect(found.map((r) => [r.type, r.value])).toEqual([['url', 'http://lantern-c2.example/gate'], ['filename', 'invoice.one'], ['domain', 'lantern-c2.example']]);
    expect(found[1]?.context).toContainEqual({ kind: 'other', name: 'not for detection', detail: 'MISP to_ids is false' });
    expect(found[2]).toMatchObject({ validUntil: '2025-06-15T15:06:40.000Z' });
    expect(found[2]?.sightings).toBeUndefined();
    expect(found[2]?.context).toContainEqual({ kind: 'other', name: 'reported false positive', detail: '1 MISP false-positive sighting(s)' });
    expect(notes(items).map((n) => n.message)).toEqual([
      '1 × not imported: url is a reference to a page about the event (MISP category "External analysis", to_ids false), not an indicator (e.g. https://research.example.org/lantern.pdf)',
      "1 × not imported: MISP corporate-asset object (the victim's side, not an indicator)",
    ]);
  });

  it('refuses an event larger than the cap with a clear error', async () => {
    const big = JSON.stringify({ Event: { uuid: 'e1', Attribute: [{ type: 'comment', value: 'x'.repeat(5000) }] } });
    await expect(collect(Buffer.from(big), { maxEventBytes: 1000 })).rejects.toSatisfy(
      (e: unknown) => e instanceof IngestError && e.reason === 'element larger than 1000 bytes (limit per element)',
    );
  });
});

describe('parseMispFeedFolder', () => {
  it('reads listed and unlisted event files, names the missing one, and cross-checks hashes.csv', async () => {
    const items: IngestItem[] = [];
    for await (const item of parseMispFeedFolder(join(FIXTURES, 'feed'), { fileName: 'feed' })) items.push(item);
    expect(records(items).map((r) => [r.value, r.tlp ?? null])).toEqual([
      ['http://shipping-docs.example/wp-content/x/', 'clear'],
      ['http://203.0.113.88:8080/load', 'clear'],
      ['license.dat', 'green'],
      ['fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9', 'green'],
      ['356a192b7913b04c54574d18c28d46e6395428ab', 'green'],
      ['unlisted.example', null],
    ]);
    expect(records(items)[0]!.location).toBe('8c4f2a6e-1b3d-4f5a-9c7e-2d4b6f8a0c11.json: Event 8c4f2a6e-1b3d-4f5a-9c7e-2d4b6f8a0c11 Attribute[0]');
    expect(items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []))).toEqual([
      { location: 'ae6b4c8a-3d5f-4b7c-9e0a-4f6d8b0c2e33.json', reason: 'listed in manifest.json but the event file is missing' },
    ]);
    expect(notes(items)).toEqual([
      { location: 'bf7c5d9b-4e6a-4c8d-8f1b-5a7e9c1d3f44.json', message: 'event file not listed in manifest.json; read anyway' },
      { location: 'hashes.csv', message: 'hashes.csv: 6 entries, 5 match the events, 1 not found in the events, 1 event values not listed' },
    ]);
  });
});
