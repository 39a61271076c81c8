import { afterEach, describe, expect, it } from 'vitest';
import { getIndicator, listIndicators } from '../../main/core/vault/queries/indicator-reads';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles, ingestFixture } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * Samples shaped like real feeds (test/fixtures/ingest/real, written from the public formats, not
 * copied): each imports with --format auto, with the expected count and a few canonical values.
 */
const dirs = tempDirs('liaison-import-real-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

async function importSample(name: string): Promise<{ vault: Vault; values: string[] }> {
  const vault = await createImportVault(dirs.make());
  open.push(vault);
  const summary = await importFiles(vault, [ingestFixture('real', name)]);
  expect(summary.errors).toEqual([]);
  expect(summary.results).toEqual([expect.objectContaining({ file: name, committed: true, rejected: 0 })]);
  const values = listIndicators(vault.db, { limit: 1000 }).map((i) => `${i.type}:${i.value}`);
  return { vault, values };
}

describe('real-world-shaped samples', () => {
  it('URLhaus CSV dump: header in the last # comment, quoted fields, one URL per row', async () => {
    const { vault, values } = await importSample('urlhaus-recent.csv');
    expect(values).toHaveLength(6);
    expect(values).toEqual(expect.arrayContaining(['url:http://182.117.29.14:54120/Mozi.m', 'url:https://paste.ee/d/Xk3Qp/0']));
    // urlhaus_link is provenance, not an indicator.
    expect(values.some((v) => v.includes('urlhaus.abuse.ch'))).toBe(false);
    expect(getIndicator(vault.db, { type: 'url', value: 'http://115.55.238.191:40411/bin.sh' })).toMatchObject({
      firstSeen: '2024-06-03T07:20:02.000Z',
      lastSeen: '2024-06-03T07:25:40.000Z',
      tlp: 'amber',
    });
  });

  it('ThreatFox CSV export: quoted header comment, ", " between quoted fields, ip:port, abuse.ch hash type names', async () => {
    const { vault, values } = await importSample('threatfox-export.csv');
    expect(values.sort()).toEqual([
      'domain:secure-update-check.com',
      'ipv4:45.137.21.9',
      'md5:d41d8cd98f00b204e9800998ecf8427f',
      'sha256:0f8e6d95c3a4b7e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a09f8e',
      'url:http://185.220.101.45/panel/gate.php',
    ]);
    const c2 = getIndicator(vault.db, { type: 'ipv4', value: '45.137.21.9' })!;
    expect(c2).toMatchObject({ confidence: 100, firstSeen: '2026-11-28T12:00:18.000Z', tags: ['QuasarRAT'] });
    expect(getIndicator(vault.db, { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427f' })).toMatchObject({ confidence: 50 });
    expect(c2.context).toContainEqual(expect.objectContaining({ kind: 'malware', name: 'Quasar RAT' }));
  });

  it('MalwareBazaar CSV export: three hashes and an ssdeep per row, the signature as malware, "n/a" as nothing', async () => {
    const { vault, values } = await importSample('malwarebazaar-export.csv');
    expect(values.filter((v) => v.startsWith('sha256:'))).toHaveLength(2);
    expect(values.filter((v) => v.startsWith('md5:') || v.startsWith('sha1:') || v.startsWith('ssdeep:'))).toHaveLength(6);
    const sample = getIndicator(vault.db, { type: 'sha256', value: '7d1a2e3f4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e' })!;
    expect(sample.context).toContainEqual(expect.objectContaining({ kind: 'malware', name: 'AgentTesla' }));
    const unsigned = getIndicator(vault.db, { type: 'sha256', value: '8e2b3f4a5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f' })!;
    expect(unsigned.context.filter((c) => c.kind === 'malware')).toEqual([]);
  });

  it("PhishTank CSV: the URL column, not PhishTank's own detail links; submission time as first seen", async () => {
    const { vault, values } = await importSample('phishtank-online-valid.csv');
    expect(values.sort()).toEqual(['url:http://micros0ft-account-verify.net/owa/', 'url:https://secure-login-paypa1.com/signin/']);
    expect(getIndicator(vault.db, { type: 'url', value: 'https://secure-login-paypa1.com/signin/' })).toMatchObject({ firstSeen: '2026-11-28T10:11:12.000Z' });
  });

  it('Feodo Tracker IP blocklist: quoted header comment, trailing "# END" comment', async () => {
    const { vault, values } = await importSample('feodo-ipblocklist.csv');
    expect(values.sort()).toEqual(['ipv4:103.109.247.10', 'ipv4:162.243.103.246', 'ipv4:185.117.73.147', 'ipv4:45.77.65.211', 'ipv4:50.16.57.114']);
    expect(getIndicator(vault.db, { type: 'ipv4', value: '45.77.65.211' })).toMatchObject({ firstSeen: '2024-06-01T22:40:51.000Z' });
  });

  it('CIRCL OSINT-style MISP event: objects, galaxy, tlp:white, sightings, deleted and non-indicator attributes skipped', async () => {
    const { vault, values } = await importSample('circl-osint-event.json');
    expect(values).toHaveLength(7);
    expect(values).toEqual(
      expect.arrayContaining(['domain:npm-telemetry-cdn.com', 'ipv4:167.88.168.152', 'md5:6f5902ac237024bdd0c176cb93063dc4', 'domain:ipcheck-api.net', 'filename:postinstall.js']),
    );
    expect(values).not.toContain('domain:retracted-false-positive.com');
    const domain = getIndicator(vault.db, { type: 'domain', value: 'npm-telemetry-cdn.com' })!;
    // Two type-0 sightings; the type-1 (false positive) one is not counted.
    expect(domain).toMatchObject({ tlp: 'clear', sightings: 2, firstSeen: '2024-05-20T08:00:00.000Z' });
    expect(domain.context.map((c) => `${c.kind}:${c.name}`)).toEqual(expect.arrayContaining(['threat-actor:Lazarus Group']));
    const md5 = getIndicator(vault.db, { type: 'md5', value: '6f5902ac237024bdd0c176cb93063dc4' })!;
    expect(md5.context.map((c) => c.name)).toContain('file');
  });

  it('Unit 42-style STIX 2.0 playbook: report, campaign, intrusion set, TLP:WHITE by id', async () => {
    const { vault, values } = await importSample('unit42-playbook-2.0.json');
    expect(values.sort()).toEqual([
      'domain:msoffice-update.org',
      'email:hr-department@cloud-mail-services.net',
      'ipv4:185.161.211.79',
      'sha256:d808f3109822c185f1d8e1bf7ef7781c219dc56f5906478651748f0ace489d34',
      'url:http://office365-update.org/update/download.php?id=2',
    ]);
    const hash = getIndicator(vault.db, { type: 'sha256', value: 'd808f3109822c185f1d8e1bf7ef7781c219dc56f5906478651748f0ace489d34' })!;
    expect(hash.tlp).toBe('clear');
    expect(hash.context.map((c) => `${c.kind}:${c.name}`)).toEqual(expect.arrayContaining(['malware:BONDUPDATER', 'campaign:OilRig 2019-02']));
  });

  it('OpenCTI/ATT&CK-style STIX 2.1 export: TLP 2.0 extension markings, granular markings, sightings, custom properties', async () => {
    const { vault, values } = await importSample('opencti-export-2.1.json');
    expect(values).toHaveLength(6);
    const tlpOf = (type: string, value: string) => getIndicator(vault.db, { type, value })?.tlp;
    expect({
      amber: tlpOf('domain', 'wine-tasting-invite.com'),
      // A granular TLP:RED on the description: the whole record takes the strictest (stix-record-fields.ts).
      granularRed: tlpOf('ipv4', '193.42.33.107'),
      strict: tlpOf('sha256', '3c0f3c1e0a5d0b5f7e2b8a6d4c2e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e'),
      green: tlpOf('url', 'https://invitation-embassy.com/wine/'),
      observableRed: tlpOf('domain', 'embassy-calendar-sync.com'),
    }).toEqual({ amber: 'amber', granularRed: 'red', strict: 'amber+strict', green: 'green', observableRed: 'red' });
    const c2 = getIndicator(vault.db, { type: 'domain', value: 'wine-tasting-invite.com' })!;
    // The sighting object's count of 3 replaces the 1 the indicator alone would count.
    expect(c2).toMatchObject({ sightings: 3, confidence: 75, lastSeen: '2024-04-21T06:00:00.000Z' });
    expect(c2.context.map((c) => `${c.kind}:${c.name}`)).toContain('malware:WINELOADER');
  });

  it('Latin-1 text report: decoded as windows-1252 with a note, defanged values refanged', async () => {
    const vault = await createImportVault(dirs.make());
    open.push(vault);
    const summary = await importFiles(vault, [ingestFixture('real', 'latin1-report.txt')]);
    expect(summary.results[0]).toMatchObject({ format: 'text', committed: true });
    expect(summary.notes).toContainEqual({ file: 'latin1-report.txt', location: 'file', reason: expect.stringMatching(/windows-1252/) });
    const values = listIndicators(vault.db, { limit: 100 }).map((i) => `${i.type}:${i.value}`);
    expect(values).toEqual(
      expect.arrayContaining([
        'ipv4:185.225.19.44',
        'ipv4:94.131.98.12',
        'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
        'email:facturation@societe-generale-paiement.com',
      ]),
    );
    expect(values.some((v) => v.startsWith('url:http://cdn-mise-a-jour.net/stat.php'))).toBe(true);
  });

  it('TSV with a UTF-8 BOM and CRLF line ends: header recognised, no stray \\r or BOM in values', async () => {
    const { vault, values } = await importSample('crlf-bom-feed.tsv');
    expect(values.sort()).toEqual([
      'domain:bad-invoice-portal.com',
      'ipv4:91.215.85.142',
      'md5:5f4dcc3b5aa765d61d8327deb882cf99',
      'url:https://login-micr0soft-verify.com/owa/',
    ]);
    expect(getIndicator(vault.db, { type: 'ipv4', value: '91.215.85.142' })).toMatchObject({ firstSeen: '2024-05-31T00:00:00.000Z' });
    expect(values.join('')).not.toMatch(/[\r\uFEFF]/);
  });
});
