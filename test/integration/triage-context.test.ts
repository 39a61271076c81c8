import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexImportedIndicators, readQueuePage } from '../../main/core/triage';
import type { Vault } from '../../main/core/vault';
import { getIndicator } from '../../main/core/vault/queries/indicator-reads';
import { createImportVault, importFiles } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * Issue #17.6/#17.7 end to end through the vault: a Unit 42-style STIX report (indicator indicates
 * Dharma, Dharma uses T1486) and a MISP event with to_ids false and a false-positive sighting, imported
 * as the app does (search rows written with the import), then read back as the detail pane and the
 * search box read them.
 */
const dirs = tempDirs('liaison-triage-context-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

const T = '2024-05-02T09:00:00.000Z';
const base = { spec_version: '2.1', created: T, modified: T };
const SHA256 = 'd6e3a9f1c2b4a5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e';
const stix = {
  type: 'bundle',
  id: 'bundle--11111111-2222-4333-8444-555555555555',
  objects: [
    {
      ...base, type: 'report', id: 'report--7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', name: 'Dharma ransomware returns', published: '2024-05-01T12:00:00Z',
      object_refs: ['indicator--6a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f', 'malware--0f1e2d3c-4b5a-4968-8776-655443322110'],
      external_references: [{ source_name: 'unit42', url: 'https://unit42.example/dharma-returns' }],
    },
    {
      ...base, type: 'indicator', id: 'indicator--6a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f', pattern_type: 'stix', valid_from: T,
      pattern: `[file:hashes.'SHA-256' = '${SHA256}']`,
    },
    { ...base, type: 'malware', id: 'malware--0f1e2d3c-4b5a-4968-8776-655443322110', name: 'Dharma', is_family: true },
    {
      ...base, type: 'attack-pattern', id: 'attack-pattern--b8c5c9dd-a662-479d-9428-ae745872537c', name: 'Data Encrypted for Impact',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1486' }],
    },
    { ...base, type: 'relationship', id: 'relationship--e1e1e1e1-f2f2-4a3a-8b4b-c5c5c5c5c5c5', relationship_type: 'indicates', source_ref: 'indicator--6a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f', target_ref: 'malware--0f1e2d3c-4b5a-4968-8776-655443322110' },
    { ...base, type: 'relationship', id: 'relationship--a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5', relationship_type: 'uses', source_ref: 'malware--0f1e2d3c-4b5a-4968-8776-655443322110', target_ref: 'attack-pattern--b8c5c9dd-a662-479d-9428-ae745872537c' },
  ],
};
const misp = {
  Event: {
    uuid: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10', info: 'AsyncRAT C2 servers, May 2024', date: '2024-05-01', Orgc: { name: 'CIRCL' },
    Attribute: [
      { uuid: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4ca001', type: 'ip-dst', category: 'Network activity', to_ids: false, value: '198.51.100.77',
        Sighting: [{ type: '1', date_sighting: '1714560000' }] },
    ],
  },
};

async function vault(): Promise<Vault> {
  const dir = dirs.make();
  const v = await createImportVault(dir);
  open.push(v);
  const stixFile = path.join(dir, 'dharma-report.json');
  const mispFile = path.join(dir, '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10.json');
  fs.writeFileSync(stixFile, JSON.stringify(stix));
  fs.writeFileSync(mispFile, JSON.stringify(misp));
  const summary = await importFiles(v, [stixFile, mispFile], { strict: false, indexing: indexImportedIndicators });
  expect(summary.errors).toEqual([]);
  return v;
}

const search = (v: Vault, text: string): string[] =>
  readQueuePage(v.db, { filter: { text }, sort: { key: 'id', direction: 'asc' }, limit: 50 }).rows.map((row) => row.value);

describe('context and pivots through the vault (issue #17.6)', () => {
  it('stores the second hop and the report metadata with the indicator', async () => {
    const v = await vault();
    const detail = getIndicator(v.db, { type: 'sha256', value: SHA256 });
    const context = detail?.context.map(({ kind, name, detail: d }) => [kind, name, d]);
    expect(context).toContainEqual(['attack-pattern', 'T1486 Data Encrypted for Impact', 'via Dharma: Dharma uses T1486 Data Encrypted for Impact']);
    expect(context).toContainEqual(['other', 'Dharma ransomware returns', 'report; published: 2024-05-01; references: https://unit42.example/dharma-returns']);
  });

  it('a pivot on the second hop or a MISP flag finds the indicator', async () => {
    const v = await vault();
    expect(search(v, 'T1486 Data Encrypted for Impact')).toEqual([SHA256]);
    expect(search(v, 'not for detection')).toEqual(['198.51.100.77']);
    expect(search(v, 'reported false positive')).toEqual(['198.51.100.77']);
  });
});

describe('source names that search finds (issue #17.7)', () => {
  it("names the MISP source by the event's info, and the search box finds its indicators by it", async () => {
    const v = await vault();
    expect(v.db.prepare('SELECT name FROM sources ORDER BY id').pluck().all()).toEqual(['dharma-report.json', 'AsyncRAT C2 servers, May 2024']);
    expect(search(v, 'AsyncRAT')).toEqual(['198.51.100.77']);
  });
});

describe('search by source names and prefixes after real imports (issue #17.7)', () => {
  async function imported(): Promise<Vault> {
    const dir = dirs.make();
    const v = await createImportVault(dir);
    open.push(v);
    const files = {
      'AsyncRAT_C2_IPs.csv': 'ip,first_seen\n203.0.113.9,2024-05-01\n',
      'conti-leak-iocs.txt': 'The operators used 198.51.100.23 for staging.\n',
      'fake-updates-2024.json': JSON.stringify({
        type: 'bundle',
        id: 'bundle--21111111-2222-4333-8444-555555555555',
        objects: [
          { ...base, type: 'indicator', id: 'indicator--7a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f', pattern_type: 'stix', valid_from: T, pattern: "[domain-name:value = 'pbvzje4.top']" },
          { ...base, type: 'malware', id: 'malware--1f1e2d3c-4b5a-4968-8776-655443322110', name: 'SocGholish', is_family: true },
          { ...base, type: 'relationship', id: 'relationship--f1e1e1e1-f2f2-4a3a-8b4b-c5c5c5c5c5c5', relationship_type: 'indicates', source_ref: 'indicator--7a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f', target_ref: 'malware--1f1e2d3c-4b5a-4968-8776-655443322110' },
        ],
      }),
    };
    const paths = Object.entries(files).map(([name, content]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    });
    const summary = await importFiles(v, paths, { strict: false, indexing: indexImportedIndicators });
    expect(summary.errors).toEqual([]);
    return v;
  }

  it('"AsyncRAT" and "Conti" find the indicators of a CSV and a text source by the file name', async () => {
    const v = await imported();
    expect(search(v, 'AsyncRAT')).toEqual(['203.0.113.9']);
    expect(search(v, 'Conti')).toEqual(['198.51.100.23']);
    expect(search(v, 'fake-updates')).toEqual(['pbvzje4.top']);
  });

  it('"SocGh" finds the SocGholish indicator of a STIX source, and part of its value finds it', async () => {
    const v = await imported();
    expect(search(v, 'SocGh')).toEqual(['pbvzje4.top']);
    expect(search(v, 'pbvzje')).toEqual(['pbvzje4.top']);
    expect(search(v, 'pbvzje4[.]top')).toEqual(['pbvzje4.top']);
  });
});

describe('search rows of indicators an import amends (review of main/core/triage)', () => {
  it('a comment a later row of the file adds to an indexed indicator is searchable', async () => {
    const dir = dirs.make();
    const v = await createImportVault(dir);
    open.push(v);
    const first = path.join(dir, 'first.csv');
    const second = path.join(dir, 'second.csv');
    fs.writeFileSync(first, 'ip\n203.0.113.5\n');
    // The value's first row in the second file has no comment; the next one has: the sighting takes it.
    fs.writeFileSync(second, 'ip,comment\n203.0.113.5,\n203.0.113.5,Brushaloader staging host\n');
    for (const file of [first, second]) {
      const summary = await importFiles(v, [file], { strict: false, indexing: indexImportedIndicators });
      expect(summary.errors).toEqual([]);
    }
    expect(v.db.prepare("SELECT comment FROM indicator_sources WHERE comment IS NOT NULL").pluck().all()).toEqual(['Brushaloader staging host']);
    expect(search(v, 'Brushaloader')).toEqual(['203.0.113.5']);
  });
});
