import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../main/core/ingest/import/progress';
import { listCorrelations } from '../../main/core/triage';
import { getIndicator, listIndicators } from '../../main/core/vault/queries/indicator-reads';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles, ingestFixture } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';
import { countAudit, countIndicatorRows, dumpVault } from '../helpers/vault-dump';

const dirs = tempDirs('liaison-import-sem-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

async function setup(): Promise<{ vault: Vault; dir: string; write(name: string, content: string | Buffer): string }> {
  const dir = dirs.make();
  const vault = await createImportVault(dir);
  open.push(vault);
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  return { vault, dir, write };
}

const TLP1 = {
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};
const TLP2 = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  amberStrict: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
};

/** A STIX 2.1 indicator object with a pattern and optional markings. */
function stixIndicator(n: number, pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2024-05-01T00:00:00.000Z',
    modified: '2024-05-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2024-05-01T00:00:00.000Z',
    ...extra,
  };
}

function bundle(objects: unknown[]): string {
  return JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects }, null, 1);
}

const ONE_BAD_ROW = 'value,type,comment\nevil.example.com,domain,ok\n203.0.113.9,ip-dst,ok\nnot an indicator at all,domain,bad\nhttps://evil.example.com/x,url,ok\n';

describe('one file, one transaction', () => {
  it('all or nothing: a file with one reject is not committed and leaves the vault byte-identical', async () => {
    const { vault, write } = await setup();
    const file = write('one-bad.csv', ONE_BAD_ROW);
    const before = dumpVault(vault.db);
    const summary = await importFiles(vault, [file]);
    expect(summary.results).toEqual([expect.objectContaining({ file: 'one-bad.csv', committed: false, rejected: 1 })]);
    expect(summary.errors).toEqual([{ file: 'one-bad.csv', location: 'line 4, column "value"', reason: expect.stringContaining('not an indicator at all') }]);
    expect(summary.indicators_new).toBe(0);
    expect(dumpVault(vault.db)).toBe(before);
  });

  it('the lenient default commits the valid records, reports every reject and records strict: false in the audit entry', async () => {
    const { vault, write } = await setup();
    const file = write('one-bad.csv', ONE_BAD_ROW + 'also bad,domain,x\n');
    const audit = countAudit(vault.db);
    const summary = await importFiles(vault, [file], { strict: false });
    expect(summary).toMatchObject({ files: 1, records: 5, indicators_new: 3, rejected: 2 });
    expect(summary.errors.map((e) => e.location)).toEqual(['line 4, column "value"', 'line 6, column "value"']);
    expect(listIndicators(vault.db, { limit: 10 }).map((i) => `${i.type}:${i.value}`).sort()).toEqual([
      'domain:evil.example.com',
      'ipv4:203.0.113.9',
      'url:https://evil.example.com/x',
    ]);
    expect(countAudit(vault.db)).toBe(audit + 1);
    const entry = vault.db.prepare("SELECT after_json FROM audit_entries WHERE action = 'indicators.import'").get() as { after_json: string };
    expect(JSON.parse(entry.after_json)).toMatchObject({ file: 'one-bad.csv', strict: false, rejected: 2, indicatorsNew: 3 });
  });

  it('one bad file among good ones costs only itself', async () => {
    const { vault, write } = await setup();
    const good = write('good.txt', 'c2 at 198.51.100.7 and hxxp://bad[.]example/x\n');
    const bad = write('bad.csv', ONE_BAD_ROW);
    const summary = await importFiles(vault, [good, bad]);
    expect(summary.results.map((r) => [r.file, r.committed])).toEqual([
      ['good.txt', true],
      ['bad.csv', false],
    ]);
    expect(countIndicatorRows(vault.db)).toMatchObject({ sources: 1 });
    expect(getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.7' })).toBeDefined();
    expect(getIndicator(vault.db, { type: 'ipv4', value: '203.0.113.9' })).toBeUndefined();
  });
});

describe('re-import and merge', () => {
  it('the same file again (same SHA-256) changes nothing and says when it was imported (issue #17.3)', async () => {
    const { vault } = await setup();
    const file = ingestFixture('stix', 'playbook-2.0.json');
    await importFiles(vault, [file]);
    const before = dumpVault(vault.db);
    const summary = await importFiles(vault, [file]);
    expect(summary).toMatchObject({ indicators_new: 0, indicators_merged: 0, rejected: 0, errors: [] });
    expect(summary.results[0]).toMatchObject({ committed: false, alreadyImported: { sourceId: 1 } });
    expect(summary.notes[0]?.reason).toMatch(/^already imported on \d{4}-\d{2}-\d{2} /);
    expect(dumpVault(vault.db)).toBe(before);
  });

  it('a different file naming the same values adds a source row and a sighting, and nothing else', async () => {
    const { vault, write } = await setup();
    const file = ingestFixture('stix', 'playbook-2.0.json');
    await importFiles(vault, [file]);
    const first = snapshotIndicators(vault);
    const rowsBefore = countIndicatorRows(vault.db);
    // The same bundle saved again by another tool (a trailing newline): other bytes, the same statements.
    const summary = await importFiles(vault, [write('playbook-2.0-copy.json', `${fs.readFileSync(file, 'utf8')}\n`)]);
    expect(summary).toMatchObject({ indicators_new: 0, indicators_merged: first.length, rejected: 0 });
    const second = snapshotIndicators(vault);
    expect(second.map(({ sightings: _s, updatedAt: _u, ...rest }) => rest)).toEqual(first.map(({ sightings: _s, updatedAt: _u, ...rest }) => rest));
    expect(second.map((i) => i.sightings)).toEqual(first.map((i) => 2 * i.sightings));
    expect(countIndicatorRows(vault.db)).toEqual({
      indicators: rowsBefore.indicators,
      sources: rowsBefore.sources + 1,
      indicator_sources: rowsBefore.indicator_sources * 2,
      audit_entries: rowsBefore.audit_entries + 1,
    });
    const [s1, s2] = vault.db.prepare('SELECT file_sha256 AS sha, records FROM sources ORDER BY id').all() as { sha: string; records: number }[];
    expect(s2!.records).toEqual(s1!.records);
    expect(s2!.sha).not.toEqual(s1!.sha);
    // Context is provenance: the second source says the same things about the same indicators.
    const contextOf = (sourceId: number) =>
      vault.db.prepare('SELECT indicator_id, kind, name, ref, detail FROM indicator_context WHERE source_id = ? ORDER BY 1, 2, 3, 4').all(sourceId);
    expect(contextOf(2)).toEqual(contextOf(1));
    expect(vault.db.prepare('SELECT count(*) AS n FROM indicator_tags').get()).toEqual({ n: first.reduce((n, i) => n + i.tags.length, 0) });
  });

  it('a STIX indicator and the observable it describes are one sighting; valid_from survives the merge; observed times are stored canonically', async () => {
    const { vault, write } = await setup();
    const file = { type: 'file', spec_version: '2.1', id: 'file--00000000-0000-4000-8000-0000000000f1', name: 'lantern_loader.dll' };
    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--00000000-0000-4000-8000-0000000000a1', value: '198.51.100.14' };
    const observed = {
      type: 'observed-data', spec_version: '2.1', id: 'observed-data--00000000-0000-4000-8000-0000000000d1',
      created: '2024-05-01T00:00:00Z', modified: '2024-05-01T00:00:00Z',
      first_observed: '2024-05-02T10:00:00Z', last_observed: '2024-05-03T10:00:00Z', number_observed: 1, object_refs: [ip.id],
    };
    const text = bundle([file, ip, observed, stixIndicator(1, "[file:name = 'lantern_loader.dll']", { valid_from: '2024-05-01T16:22:00Z' })]);
    await importFiles(vault, [write('misp-stix.json', text)]);
    const loader = getIndicator(vault.db, { type: 'filename', value: 'lantern_loader.dll' });
    expect(loader).toMatchObject({ validFrom: '2024-05-01T16:22:00.000Z', sightings: 1 });
    // The sighting points at the indicator that states the pattern, not at the observable before it.
    expect(loader?.sources.map((s) => s.location)).toEqual(['objects[3] (indicator--00000000-0000-4000-8000-000000000001)']);
    // The observable names it, the observed-data says it was observed once: one sighting, not two.
    expect(getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.14' })).toMatchObject({ lastSeen: '2024-05-03T10:00:00.000Z', sightings: 1 });
  });

  it('counts a STIX file states replace the 1 its naming a value implies, and add up; a CSV row is still one more each', async () => {
    const { vault, write } = await setup();
    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--00000000-0000-4000-8000-0000000000a2', value: '198.51.100.15' };
    const observedData = (n: number, count: number) => ({
      type: 'observed-data', spec_version: '2.1', id: `observed-data--00000000-0000-4000-8000-0000000000d${n}`,
      created: '2024-05-01T00:00:00Z', modified: '2024-05-01T00:00:00Z',
      first_observed: '2024-05-02T10:00:00Z', last_observed: '2024-05-03T10:00:00Z', number_observed: count, object_refs: [ip.id],
    });
    const indicator = stixIndicator(1, "[domain-name:value = 'relay.lantern-c2.net']");
    const sighting = (n: number, of: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      type: 'sighting', spec_version: '2.1', id: `sighting--00000000-0000-4000-8000-00000000000${n}`,
      created: '2024-05-01T00:00:00Z', modified: '2024-05-01T00:00:00Z', sighting_of_ref: of.id, ...extra,
    });
    const unsighted = stixIndicator(2, "[domain-name:value = 'quiet.lantern-c2.net']");
    const once = stixIndicator(3, "[domain-name:value = 'once.lantern-c2.net']");
    const text = bundle([ip, observedData(1, 3), observedData(2, 2), indicator, sighting(1, indicator, { count: 5 }), sighting(2, indicator), unsighted, once, sighting(3, once)]);
    await importFiles(vault, [write('counts.json', text)]);
    const sightings = (type: string, value: string) => getIndicator(vault.db, { type, value })!.sightings;
    expect(sightings('ipv4', '198.51.100.15')).toBe(5);
    // A sighting without a count was sighted at least once.
    expect(sightings('domain', 'relay.lantern-c2.net')).toBe(6);
    expect(sightings('domain', 'quiet.lantern-c2.net')).toBe(1);
    expect(sightings('domain', 'once.lantern-c2.net')).toBe(1);
    // Another source adds its own sightings on top.
    await importFiles(vault, [write('counts.csv', 'value\n198.51.100.15\n198.51.100.15\n')]);
    expect(sightings('ipv4', '198.51.100.15')).toBe(7);
    const perSource = getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.15' })!.sources.map((s) => [s.fileName, s.sightings]);
    expect(perSource).toEqual(expect.arrayContaining([['counts.json', 5], ['counts.csv', 2]]));
  });

  it('a value in several MISP events of one file is a sighting per event, first seen on the earliest event date', async () => {
    const { vault, write } = await setup();
    const event = (uuid: string, date: string, values: string[]) => ({
      Event: { uuid, date, info: `daily ${date}`, Attribute: values.map((value) => ({ type: 'ip-dst', value, to_ids: true, timestamp: String(Date.parse(`${date}T12:00:00Z`) / 1000) })) },
    });
    const feed = { response: [
      event('00000000-0000-4000-8000-0000000000e1', '2025-09-01', ['198.51.100.99', '198.51.100.99']),
      event('00000000-0000-4000-8000-0000000000e2', '2025-09-02', ['198.51.100.99', '198.51.100.98']),
      event('00000000-0000-4000-8000-0000000000e3', '2026-07-20', ['198.51.100.99']),
    ] };
    await importFiles(vault, [write('tweetfeed.json', JSON.stringify(feed))]);
    // Twice in the first event is one statement; three events are three.
    expect(getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.99' })).toMatchObject({
      sightings: 3, firstSeen: '2025-09-01T00:00:00.000Z', lastSeen: '2026-07-20T12:00:00.000Z',
    });
    expect(getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.98' })).toMatchObject({ sightings: 1, firstSeen: '2025-09-02T00:00:00.000Z' });
  });

  it("a marking in the file replaces the import's default for the unmarked objects that repeat its value, in either order", async () => {
    const { vault, write } = await setup();
    const sco = (n: number, value: string) => ({ type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--00000000-0000-4000-8000-00000000000${n}`, value });
    const clear = { object_marking_refs: [TLP2.clear] };
    // Observable first, then the CLEAR indicator; then the reverse order; both under the default AMBER.
    const text = bundle([
      sco(1, '198.51.100.31'), stixIndicator(1, "[ipv4-addr:value = '198.51.100.31']", clear),
      stixIndicator(2, "[ipv4-addr:value = '198.51.100.32']", clear), sco(2, '198.51.100.32'),
      sco(3, '198.51.100.33'),
    ]);
    // An earlier source gave .31 GREEN: that stays, since the default of this import never spoke for it.
    await importFiles(vault, [write('earlier.csv', 'value,tlp\n198.51.100.31,green\n')]);
    await importFiles(vault, [write('feeds2stix.json', text)]);
    const tlp = (value: string) => getIndicator(vault.db, { type: 'ipv4', value })!;
    expect([tlp('198.51.100.31').tlp, tlp('198.51.100.32').tlp, tlp('198.51.100.33').tlp]).toEqual(['green', 'clear', 'amber']);
    expect(tlp('198.51.100.31').sources.map((source) => [source.fileName, source.tlp])).toEqual(
      expect.arrayContaining([['earlier.csv', 'green'], ['feeds2stix.json', 'clear']]),
    );
  });

  it('a value repeated in one file keeps every different statement: the first on the sighting, the others as context', async () => {
    const { vault, write } = await setup();
    const file = write(
      'repeats.csv',
      'value,type,comment\nevil.example.com,domain,phishing kit host\nevil.example.com,domain,phishing kit host\nevil.example.com,domain,also C2 for loader\n',
    );
    expect(await importFiles(vault, [file])).toMatchObject({ indicators_new: 1, rejected: 0 });
    const detail = getIndicator(vault.db, { type: 'domain', value: 'evil.example.com' })!;
    expect(detail.sightings).toBe(3);
    expect(detail.context.filter((c) => c.name === 'comment').map((c) => c.detail).sort()).toEqual(['also C2 for loader', 'phishing kit host']);
    expect(vault.db.prepare('SELECT comment FROM indicator_sources').pluck().all()).toEqual(['phishing kit host']);
  });

  it('merging widens first/last seen, adds sightings, keeps the most restrictive TLP and leaves triage status alone', async () => {
    const { vault, write } = await setup();
    const a = write('a.csv', 'value,type,tlp,first_seen,last_seen\nmerge.example.net,domain,green,2024-03-01T00:00:00Z,2024-03-05T00:00:00Z\n198.51.100.1,ip-dst,red,2024-03-01T00:00:00Z,2024-03-02T00:00:00Z\n');
    const b = write('b.csv', 'value,type,tlp,first_seen,last_seen\nmerge[.]example[.]net,domain,red,2024-02-01T00:00:00Z,2024-04-01T00:00:00Z\n198.51.100.1,ip-dst,clear,2024-03-10T00:00:00Z,2024-03-11T00:00:00Z\n');
    await importFiles(vault, [a]);
    vault.db.prepare("UPDATE indicators SET status = 'malicious'").run();
    const summary = await importFiles(vault, [b], { sourceName: 'partner feed' });
    expect(summary).toMatchObject({ indicators_new: 0, indicators_merged: 2 });
    const domain = getIndicator(vault.db, { type: 'domain', value: 'merge.example.net' })!;
    expect(domain).toMatchObject({ status: 'malicious', tlp: 'red', sightings: 2, firstSeen: '2024-02-01T00:00:00.000Z', lastSeen: '2024-04-01T00:00:00.000Z' });
    expect(domain.sources.map((s) => [s.sourceName, s.tlp])).toEqual([
      ['a.csv', 'green'],
      ['partner feed', 'red'],
    ]);
    const ip = getIndicator(vault.db, { type: 'ipv4', value: '198.51.100.1' })!;
    // A looser marking from a later source never loosens the indicator.
    expect(ip).toMatchObject({ status: 'malicious', tlp: 'red', sightings: 2, firstSeen: '2024-03-01T00:00:00.000Z', lastSeen: '2024-03-11T00:00:00.000Z' });
  });

  it.each([
    ['dupes.txt', 'seen Evil-Dupe.EXAMPLE.com\nthen evil-dupe[.]example[.]com\nand again EVIL-DUPE.example.com.\n'],
    ['dupes.csv', 'value,type\nEvil-Dupe.EXAMPLE.com,domain\nevil-dupe[.]example[.]com,domain\nEVIL-DUPE.example.com.,domain\n'],
  ])('dedupes within a file (%s): one indicator, one source link, sightings as counted', async (name, content) => {
    const { vault, write } = await setup();
    const summary = await importFiles(vault, [write(name, content)]);
    expect(summary).toMatchObject({ indicators_new: 1, indicators_merged: 0, rejected: 0 });
    expect(summary.records).toBeGreaterThanOrEqual(1);
    const [indicator, ...rest] = listIndicators(vault.db, { limit: 10 });
    expect(rest).toEqual([]);
    // The text scanner reports each distinct value once per file; CSV rows each count as a sighting.
    expect(indicator).toMatchObject({ value: 'evil-dupe.example.com', sightings: summary.records, sourceCount: 1 });
    expect(vault.db.prepare('SELECT sightings FROM indicator_sources').all()).toEqual([{ sightings: summary.records }]);
  });
});

describe('canonical forms', () => {
  it('stores refanged, canonical values', async () => {
    const { vault, write } = await setup();
    const file = write('defanged.txt', 'C2: hxxps://Evil[.]Example.COM/a\nIP 198.51.100[.]23 and mail ops[@]Evil-Mail[.]com\nhash 44D88612FEA8A8F36DE82E1278ABB02F\n');
    await importFiles(vault, [file]);
    const values = listIndicators(vault.db, { limit: 50 }).map((i) => `${i.type}:${i.value}`);
    expect(values).toEqual(
      expect.arrayContaining(['url:https://evil.example.com/a', 'ipv4:198.51.100.23', 'email:ops@evil-mail.com', 'md5:44d88612fea8a8f36de82e1278abb02f']),
    );
    expect(values.join('\n')).not.toMatch(/hxxp|\[\.\]|\[@\]|[A-Z]/);
  });

  it('stores an IDN domain as punycode and keeps the Unicode form for display', async () => {
    const { vault, write } = await setup();
    const file = write('idn.csv', 'value,type\nbücher-shop.example,domain\n');
    await importFiles(vault, [file]);
    expect(listIndicators(vault.db, { limit: 5 })).toEqual([
      expect.objectContaining({ type: 'domain', value: 'xn--bcher-shop-9db.example', display: 'bücher-shop.example' }),
    ]);
    expect(getIndicator(vault.db, { type: 'domain', value: 'xn--bcher-shop-9db.example' })).toBeDefined();
  });
});

describe('TLP', () => {
  it('reads TLP 1.0 and TLP 2.0 STIX markings and MISP tags', async () => {
    const { vault, write } = await setup();
    const stix = write(
      'marked.json',
      bundle([
        stixIndicator(1, "[domain-name:value = 'tlp1-green.example']", { object_marking_refs: [TLP1.green] }),
        stixIndicator(2, "[domain-name:value = 'tlp2-strict.example']", { object_marking_refs: [TLP2.amberStrict] }),
        stixIndicator(3, "[domain-name:value = 'tlp2-clear.example']", { object_marking_refs: [TLP2.clear] }),
        stixIndicator(4, "[domain-name:value = 'tlp1-red.example']", { object_marking_refs: [TLP1.red] }),
      ]),
    );
    const misp = write(
      'event.json',
      JSON.stringify({
        Event: {
          uuid: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a99',
          info: 'tagged',
          Tag: [{ name: 'tlp:green' }],
          Attribute: [
            { uuid: 'a1000000-0000-4000-8000-000000000091', type: 'domain', value: 'misp-green.example' },
            { uuid: 'a1000000-0000-4000-8000-000000000092', type: 'domain', value: 'misp-red.example', Tag: [{ name: 'tlp:red' }] },
          ],
        },
      }),
    );
    const summary = await importFiles(vault, [stix, misp]);
    expect(summary.errors).toEqual([]);
    const tlpOf = (value: string) => getIndicator(vault.db, { type: 'domain', value })?.tlp;
    expect({
      g1: tlpOf('tlp1-green.example'),
      s2: tlpOf('tlp2-strict.example'),
      c2: tlpOf('tlp2-clear.example'),
      r1: tlpOf('tlp1-red.example'),
      mg: tlpOf('misp-green.example'),
      mr: tlpOf('misp-red.example'),
    }).toEqual({ g1: 'green', s2: 'amber+strict', c2: 'clear', r1: 'red', mg: 'green', mr: 'red' });
  });

  it('unmarked records default to AMBER; --tlp sets the level of unmarked records only', async () => {
    const { vault, write } = await setup();
    const file = write('mixed.csv', 'value,type,tlp\nunmarked-one.example,domain,\nmarked-green.example,domain,green\n');
    await importFiles(vault, [file]);
    expect(getIndicator(vault.db, { type: 'domain', value: 'unmarked-one.example' })?.tlp).toBe('amber');
    const other = write('other.txt', 'unmarked-two.net\n');
    await importFiles(vault, [other, file], { tlp: 'clear' });
    expect(getIndicator(vault.db, { type: 'domain', value: 'unmarked-two.net' })?.tlp).toBe('clear');
    // Re-imported with --tlp clear: the marked row stays green, the AMBER one is not loosened.
    expect(getIndicator(vault.db, { type: 'domain', value: 'marked-green.example' })?.tlp).toBe('green');
    expect(getIndicator(vault.db, { type: 'domain', value: 'unmarked-one.example' })?.tlp).toBe('amber');
    expect(vault.db.prepare("SELECT default_tlp FROM sources WHERE file_name = 'other.txt'").get()).toEqual({ default_tlp: 'clear' });
  });
});

describe('progress and cancellation', () => {
  const bigCsv = (rows: number): string => {
    const lines = ['value,type'];
    for (let i = 0; i < rows; i++) lines.push(`host-${i}.cancel.example,domain`);
    return `${lines.join('\n')}\n`;
  };

  it('streams progress with bytes, records and records/s that never go backwards', async () => {
    const { vault, write } = await setup();
    const a = write('a.csv', bigCsv(20_000));
    const b = write('b.txt', 'one more: 192.0.2.77\n');
    const events: ImportProgress[] = [];
    const summary = await importFiles(vault, [a, b], { onProgress: (p) => events.push({ ...p }) });
    expect(summary.results.every((r) => r.committed)).toBe(true);
    expect(events.length).toBeGreaterThan(2);
    for (const event of events) {
      expect(event).toEqual(
        expect.objectContaining({ bytesRead: expect.any(Number), bytesTotal: expect.any(Number), records: expect.any(Number), recordsPerSecond: expect.any(Number) }),
      );
      expect(event.recordsPerSecond).toBeGreaterThanOrEqual(0);
      expect(event.bytesRead).toBeLessThanOrEqual(event.bytesTotal);
    }
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.bytesRead).toBeGreaterThanOrEqual(events[i - 1]!.bytesRead);
      expect(events[i]!.fileIndex).toBeGreaterThanOrEqual(events[i - 1]!.fileIndex);
      if (events[i]!.fileIndex === events[i - 1]!.fileIndex) expect(events[i]!.records).toBeGreaterThanOrEqual(events[i - 1]!.records);
    }
    const last = events.at(-1)!;
    expect(last).toMatchObject({ file: 'b.txt', fileIndex: 1, fileCount: 2, bytesRead: fs.statSync(a).size + fs.statSync(b).size });
    expect(events.some((e) => e.file === 'a.csv' && e.records > 0 && e.records < 20_000)).toBe(true);
  });

  it('an abort mid-file throws CANCELLED and leaves the vault as it was', async () => {
    const { vault, write } = await setup();
    const file = write('big.csv', bigCsv(30_000));
    const before = dumpVault(vault.db);
    const controller = new AbortController();
    let abortedAt = -1;
    const run = importFiles(vault, [file], {
      signal: controller.signal,
      onProgress: (p) => {
        if (abortedAt < 0 && p.records >= 1000) {
          abortedAt = p.records;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'WorkbenchError', code: 'CANCELLED' });
    expect(abortedAt).toBeGreaterThan(0);
    expect(abortedAt).toBeLessThan(30_000);
    expect(vault.db.inTransaction).toBe(false);
    expect(dumpVault(vault.db)).toBe(before);
  });

  it('an abort in the second file keeps the first file committed and rolls back the second', async () => {
    const { vault, write } = await setup();
    const first = write('first.txt', 'kept: 192.0.2.200\n');
    const second = write('second.csv', bigCsv(30_000));
    const controller = new AbortController();
    const run = importFiles(vault, [first, second], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fileIndex === 1 && p.records >= 500) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(listIndicators(vault.db, { limit: 10 }).map((i) => i.value)).toEqual(['192.0.2.200']);
    expect(countIndicatorRows(vault.db)).toMatchObject({ sources: 1, indicators: 1 });
  });
});

describe('STIX', () => {
  it('relationships give malware and threat-actor context to the indicator, whichever order they come in', async () => {
    const { vault, write } = await setup();
    const malware = { type: 'malware', spec_version: '2.1', id: 'malware--11111111-1111-4111-8111-111111111111', name: 'ShadowPad', is_family: true };
    const actor = { type: 'threat-actor', spec_version: '2.1', id: 'threat-actor--22222222-2222-4222-8222-222222222222', name: 'Bronze Harbour' };
    const indicator = stixIndicator(7, "[ipv4-addr:value = '203.0.113.70'] OR [domain-name:value = 'shadow.example.org']");
    const rel = (n: number, source: string, target: string, kind: string) => ({
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--33333333-3333-4333-8333-${String(n).padStart(12, '0')}`,
      relationship_type: kind,
      source_ref: source,
      target_ref: target,
    });
    const file = write(
      'related.json',
      bundle([
        rel(1, indicator.id as string, malware.id, 'indicates'),
        indicator,
        malware,
        rel(2, actor.id, indicator.id as string, 'uses'),
        actor,
      ]),
    );
    const summary = await importFiles(vault, [file]);
    expect(summary).toMatchObject({ indicators_new: 2, rejected: 0 });
    for (const key of [
      { type: 'ipv4', value: '203.0.113.70' },
      { type: 'domain', value: 'shadow.example.org' },
    ]) {
      const context = getIndicator(vault.db, key)!.context.map((c) => `${c.kind}:${c.name}`);
      expect(context).toEqual(expect.arrayContaining(['malware:ShadowPad', 'threat-actor:Bronze Harbour']));
    }
  });

  it('imports a STIX 2.0 bundle (observed-data with embedded objects, labels, TLP 1.0)', async () => {
    const { vault } = await setup();
    const summary = await importFiles(vault, [ingestFixture('stix', 'playbook-2.0.json')]);
    expect(summary).toMatchObject({ files: 1, rejected: 0, indicators_new: 9, errors: [] });
    expect(summary.results[0]).toMatchObject({ format: 'stix', committed: true });
    expect(getIndicator(vault.db, { type: 'sha256', value: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c' })).toMatchObject({
      firstSeen: '2019-06-10T12:00:00.000Z',
    });
    expect(getIndicator(vault.db, { type: 'domain', value: 'anchor-sync.example.org' })).toMatchObject({ tlp: 'red' });
  });
});

interface IndicatorSnapshot {
  type: string;
  value: string;
  tlp: string;
  status: string;
  firstSeen: string | null;
  lastSeen: string | null;
  sightings: number;
  updatedAt: string;
  tags: string[];
}

function snapshotIndicators(vault: Vault): IndicatorSnapshot[] {
  return listIndicators(vault.db, { limit: 1000 })
    .map((i) => getIndicator(vault.db, { id: i.id })!)
    .map(({ type, value, tlp, status, firstSeen, lastSeen, sightings, updatedAt, tags }) => ({ type, value, tlp, status, firstSeen, lastSeen, sightings, updatedAt, tags }))
    .sort((x, y) => `${x.type}:${x.value}`.localeCompare(`${y.type}:${y.value}`));
}

describe('values one record carried', () => {
  it('are correlated as the same file: the hashes of one CSV line, and of one STIX object, but not of the next', async () => {
    const { vault, write } = await setup();
    const md5 = (n: number) => `${n}`.repeat(32).slice(0, 32);
    const sha256 = (n: number) => `${n}`.repeat(64).slice(0, 64);
    const csv = write('hashes.csv', `md5,sha256,comment\r\n${md5(1)},${sha256(1)},dropper\r\n${md5(2)},${sha256(2)},loader\r\n`);
    const bundle = write(
      'files.json',
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--6a0d0f4e-5d2b-4f5e-9a51-3f4c1d2e0b11',
        objects: [
          { type: 'file', spec_version: '2.1', id: 'file--6a0d0f4e-5d2b-4f5e-9a51-3f4c1d2e0b12', hashes: { MD5: md5(3), 'SHA-256': sha256(3) } },
          { type: 'file', spec_version: '2.1', id: 'file--6a0d0f4e-5d2b-4f5e-9a51-3f4c1d2e0b13', hashes: { MD5: md5(4), 'SHA-256': sha256(4) } },
        ],
      }),
    );
    const summary = await importFiles(vault, [csv, bundle]);
    expect(summary.errors).toEqual([]);
    expect(summary.indicators_new).toBe(8);
    const idOf = (type: string, value: string) => vault.db.prepare('SELECT id FROM indicators WHERE type = ? AND value = ?').pluck().get(type, value) as number;
    for (const n of [1, 2, 3, 4]) {
      expect(listCorrelations(vault.db, idOf('md5', md5(n))).sameFile.map((r) => r.value), `md5 ${n}`).toEqual([sha256(n)]);
      expect(listCorrelations(vault.db, idOf('sha256', sha256(n))).sameFile.map((r) => r.value), `sha256 ${n}`).toEqual([md5(n)]);
    }
  });
});
