import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { exportQueue, indexIndicators } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault, type Vault } from '../../main/core/vault';
import { stixBundleErrors, stixObjectErrors } from '../helpers/stix-schemas';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF } from '../helpers/vault-forge';

/** Issue #17.8: the filtered queue as CSV, STIX 2.1 or a plain list, under a TLP ceiling, from the CLI. */
const PASSPHRASE = 'export test passphrase';
const dirs = tempDirs('liaison-queue-export-');
let vaultDir: string;
let vault: Vault;

beforeAll(async () => {
  vaultDir = path.join(dirs.make(), 'vault');
  vault = await createVault(vaultDir, PASSPHRASE, { actor: 'ana', kdf: FAST_KDF });
  seedIndicators(vault.db, [
    { type: 'domain', value: 'evil-c2.top', status: 'malicious', tlpRank: 1, tags: ['asyncrat'], confidence: 80, firstSeen: '2026-03-01T00:00:00.000Z' },
    { type: 'url', value: 'http://pbvzje4.top/f15.svg', status: 'malicious', tlpRank: 2, tags: ['socgholish'] },
    { type: 'ipv4', value: '185.220.101.7', status: 'malicious', tlpRank: 4 },
    { type: 'domain', value: '=cmd.example', status: 'malicious', tlpRank: 0 },
    { type: 'domain', value: 'benign.example', status: 'benign', tlpRank: 0 },
  ]);
  indexIndicators(vault.db);
});
afterAll(() => {
  if (vault.db.open) vault.close();
  dirs.cleanup();
});

const malicious = { conditions: [{ field: 'status' as const, op: '=' as const, value: 'malicious' }] };
const now = new Date('2026-04-01T00:00:00.000Z');

describe('exportQueue', () => {
  it('writes the filtered indicators at or below the ceiling and counts what it withheld', () => {
    const txt = exportQueue(vault.db, malicious, { format: 'txt', tlpMax: 'amber', defang: true, now });
    expect(txt).toMatchObject({ count: 3, withheld: 1, marking: 'amber' });
    expect(txt.text).toBe('evil-c2[.]top\nhxxp://pbvzje4[.]top/f15[.]svg\n=cmd[.]example\n');
    const csv = exportQueue(vault.db, malicious, { format: 'csv', tlpMax: 'green', defang: false, now });
    expect(csv.text.split('\r\n')).toEqual([
      'type,value,tlp,status,confidence,first_seen,last_seen,sightings,tags',
      'domain,evil-c2.top,green,malicious,80,2026-03-01T00:00:00.000Z,,1,asyncrat',
      "domain,'=cmd.example,clear,malicious,,,,1,",
      '',
    ]);
    expect(csv.withheld).toBe(2);
  });

  it('writes a STIX 2.1 bundle the official schemas accept, with the markings it uses', () => {
    const stix = exportQueue(vault.db, malicious, { format: 'stix', tlpMax: 'amber', defang: false, now });
    const bundle = JSON.parse(stix.text) as { objects: { id: string; type: string; pattern?: string; indicator_types?: string[] }[] };
    expect(stixBundleErrors(bundle)).toEqual([]);
    expect(Object.values(stixObjectErrors(bundle.objects)).flat()).toEqual([]);
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    expect(indicators.map((o) => o.pattern)).toEqual(["[domain-name:value = 'evil-c2.top']", "[url:value = 'http://pbvzje4.top/f15.svg']", "[domain-name:value = '=cmd.example']"]);
    expect(indicators.every((o) => o.indicator_types?.[0] === 'malicious-activity')).toBe(true);
    expect(bundle.objects.filter((o) => o.type === 'marking-definition').length).toBeGreaterThan(0);
  });
});

describe('liaison indicators list --format', () => {
  async function liaison(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--vault', vaultDir, ...args], {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      stdin: new PassThrough(),
      env: { LIAISON_ANALYST: 'cli-tester', LIAISON_PASSPHRASE: PASSPHRASE },
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('exports the status it is given as a plain list, CSV or STIX, with what was withheld on stderr', async () => {
    // The CLI opens the vault itself (the core tests above are done with it).
    vault.close();
    {
      expect(await liaison('indicators', 'list', '--status', 'malicious', '--format', 'txt', '--tlp-max', 'green')).toEqual({
        code: 0,
        stdout: 'evil-c2.top\n=cmd.example\n',
        stderr: 'liaison: exported 2 indicator(s) as txt (marked up to TLP:GREEN); 2 above TLP:GREEN withheld.\n',
      });
      const csv = await liaison('indicators', 'list', '--status', 'malicious', '--tag', 'asyncrat', '--format', 'csv');
      expect(csv.stdout.split('\r\n')[1]).toBe('domain,evil-c2.top,green,malicious,80,2026-03-01T00:00:00.000Z,,1,asyncrat');
      const stix = await liaison('indicators', 'list', '--status', 'malicious', '--format', 'stix');
      expect(stixBundleErrors(JSON.parse(stix.stdout))).toEqual([]);
      expect((await liaison('indicators', 'list', '--status', 'malicious')).code).toBe(2);
    }
  });
});
