import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { indexIndicators } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault, unlockVault } from '../../main/core/vault';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-briefing-cli-');
afterAll(() => dirs.cleanup());
const PASSPHRASE = 'briefing cli passphrase';
let vaultDir: string;
let work: string;

beforeAll(async () => {
  work = dirs.make();
  vaultDir = path.join(work, 'vault');
  const vault = await createVault(vaultDir, PASSPHRASE, { actor: 'ana', kdf: FAST_KDF });
  seedIndicators(vault.db, [
    { type: 'domain', value: 'evil.example', tlpRank: 1, status: 'malicious' },
    { type: 'ipv4', value: '203.0.113.9', tlpRank: 2, status: 'malicious', tags: ['c2'] },
    { type: 'domain', value: 'secret.example', tlpRank: 4, status: 'malicious' },
    { type: 'domain', value: 'benign.example', tlpRank: 0, status: 'benign' },
  ]);
  indexIndicators(vault.db);
  vault.close();
});

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

const json = async (...args: string[]) => {
  const result = await liaison(...args, '--json');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout);
};

describe('liaison briefing', () => {
  it('round-trips: create from a template with a body, attach, edit, versions, diff, workflow, export with the ceiling', async () => {
    const body = path.join(work, 'body.md');
    fs.writeFileSync(body, '## Infrastructure\nC2 at 203.0.113[.]9.\n\n## Source detail [TLP:RED]\nFrom a liaison partner.\n');
    const created = await json('briefing', 'create', '--title', 'APT-X wave', '--template', 'car', '--tlp', 'amber', '--body-file', body);
    expect(created.sections.map((s: { heading: string; tlp: string }) => `${s.heading}:${s.tlp}`)).toEqual([
      'Targeted sectors and countries:amber',
      'Infrastructure:amber',
      'Indicators:amber',
      'Recommended actions:amber',
      'Source detail:red',
    ]);
    const id = String(created.id);

    expect(await liaison('briefing', 'attach', id, 'domain:evil[.]example', 'ipv4:203.0.113.9')).toMatchObject({
      code: 0,
      stdout: 'Attached 2 indicators (0 already attached); briefing 1 has 2, saved as version 2.\n',
    });
    expect((await json('briefing', 'attach', id, '--where', 'status=malicious')).changed).toBe(1);
    expect(await json('briefing', 'save', id, '--technique', 't1566.001,T9999', '--summary', 'Phishing against ministries.', '--note', 'techniques')).toMatchObject({
      version: 4,
      techniques: ['T1566.001', 'T9999'],
    });
    const versions = await json('briefing', 'versions', id);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([4, 3, 2, 1]);
    const diff = await liaison('briefing', 'diff', id, '2', '4');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('+- T1566.001');
    expect(diff.stdout).toContain('+- domain:secret.example');
    const shown = await liaison('briefing', 'show', id);
    expect(shown.stdout).toContain('evil[.]example');
    expect(shown.stdout).toContain('T9999');

    expect((await liaison('briefing', 'status', id, 'approved')).code).toBe(1);
    expect(await liaison('briefing', 'status', id, 'in-review')).toMatchObject({ code: 0, stdout: 'Briefing 1 is in-review (version 4).\n' });
    expect((await liaison('briefing', 'status', id, 'approved')).code).toBe(0);

    const html = path.join(work, 'out', 'brief.html');
    const exported = await json('briefing', 'export', id, '--format', 'html', '--out', html, '--tlp-max', 'amber');
    expect(exported).toMatchObject({ format: 'html', version: 4, marking: 'amber', tlpMax: 'amber', defanged: true });
    expect(exported.withheld.map((w: { kind: string; label: string }) => `${w.kind}:${w.label}`).sort()).toEqual(['indicator:domain:secret.example', 'section:Source detail']);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('evil[.]example');
    expect(page).not.toContain('secret');
    expect(page).not.toContain('liaison partner');

    const pdf = path.join(work, 'out', 'brief.pdf');
    const printed = await json('briefing', 'export', id, '--format', 'pdf', '--out', pdf, '--tlp-max', 'amber');
    expect(printed).toMatchObject({ format: 'pdf', marking: 'amber' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('TLP:AMBER');
    expect(text).toContain('evil[.]example');
    expect(text).not.toContain('secret');

    const stix = path.join(work, 'out', 'brief.stix.json');
    expect((await liaison('briefing', 'export', id, '--format', 'stix', '--out', stix, '--tlp-max', 'green')).code).toBe(1);
    const low = await liaison('briefing', 'export', id, '--format', 'csv', '--out', path.join(work, 'out', 'b.csv'), '--tlp-max', 'green');
    expect(low.code).toBe(1);
    expect(low.stderr).toContain('TLP:AMBER, above the export ceiling TLP:GREEN');
    expect(fs.existsSync(path.join(work, 'out', 'b.csv'))).toBe(false);

    expect((await liaison('briefing', 'status', id, 'published')).code).toBe(0);
    const frozen = await liaison('briefing', 'attach', id, 'domain:benign.example');
    expect(frozen).toMatchObject({ code: 1, stderr: 'liaison: briefing 1 cannot be changed: it is published, and published briefings are immutable\n' });

    const vault = await unlockVault(vaultDir, PASSPHRASE, { actor: 'check' });
    const log = vault.db.prepare('SELECT format, tlp_max_rank AS ceiling, marking_rank AS marking, withheld_json AS withheld, audit_id AS auditId FROM briefing_exports').all() as {
      format: string;
      ceiling: number;
      marking: number;
      withheld: string;
      auditId: number;
    }[];
    expect(log.map((row) => row.format)).toEqual(['html', 'pdf']);
    expect(log[0]).toMatchObject({ format: 'html', ceiling: 2, marking: 2 });
    expect(JSON.parse(log[0]!.withheld)).toHaveLength(2);
    const audit = vault.db.prepare('SELECT action, actor FROM audit_entries WHERE id = ?').get(log[0]!.auditId);
    expect(audit).toEqual({ action: 'briefing.export', actor: 'cli-tester' });
    const actions = vault.db.prepare("SELECT action FROM audit_entries WHERE target = 'briefing:1' ORDER BY id").pluck().all();
    expect(actions).toEqual([
      'briefing.create',
      'briefing.attach',
      'briefing.attach',
      'briefing.save',
      'briefing.status',
      'briefing.status',
      'briefing.export',
      'briefing.export',
      'briefing.status',
    ]);
    vault.close();
  });

  it('refuses bad input with clear errors and exit codes, leaving the vault unchanged', async () => {
    const before = await json('briefing', 'list');
    const big = path.join(work, 'big.md');
    fs.writeFileSync(big, `## Dump\n${'x'.repeat(50 * 1024 * 1024)}\n`);
    const tooBig = await liaison('briefing', 'create', '--title', 'Too big', '--body-file', big);
    expect(tooBig).toMatchObject({ code: 1, stderr: 'liaison: section "Dump" is 50 MB; at most 2 MB of Markdown is allowed. Split it, or attach the material as a reference\n' });
    fs.rmSync(big);

    expect((await liaison('briefing', 'create', '--title', 'x', '--tlp', 'purple')).code).toBe(2);
    expect((await liaison('briefing', 'create', '--title', 'x', '--template', 'nope')).stderr).toContain('no briefing template "nope" (templates: car, brief)');
    expect((await liaison('briefing', 'status', '1', 'done')).code).toBe(2);
    const where = await liaison('briefing', 'attach', '1', '--where', 'colour=red');
    expect(where.code).toBe(2);
    expect(where.stderr).toContain('liaison: --where: unknown field "colour"');
    expect((await liaison('briefing', 'attach', '1')).code).toBe(2);
    expect((await liaison('briefing', 'show', '99')).stderr).toBe('liaison: no briefing 99 in this vault\n');

    const corrupt = path.join(work, 'enterprise-attack.json');
    fs.writeFileSync(corrupt, fs.readFileSync(path.resolve(__dirname, '../fixtures/attack/enterprise-attack-mini.json'), 'utf8').slice(0, 3000));
    const load = await liaison('attack', 'load', corrupt);
    expect(load.code).toBe(1);
    expect(load.stderr).toMatch(/^liaison: enterprise-attack\.json: .+ Nothing was loaded\n$/);
    expect((await json('attack', 'list'))).toEqual([]);

    expect(await json('briefing', 'list')).toEqual(before);
  });

  it('loads ATT&CK and names techniques; unknown ids stay ids', async () => {
    const loaded = await json('attack', 'load', path.resolve(__dirname, '../fixtures/attack/enterprise-attack-mini.json'));
    expect(loaded.catalogues[0]).toMatchObject({ domain: 'enterprise-attack', techniques: 4, outcome: 'new' });
    expect((await liaison('attack', 'search', 'spearphishing')).stdout).toContain('T1566.001  enterprise-attack  initial-access  Spearphishing Attachment');
    const created = await json('briefing', 'create', '--title', 'Techniques', '--tlp', 'green');
    const saved = await json('briefing', 'save', String(created.id), '--technique', 'T1566.001', 'T1234.567');
    expect(saved.techniqueDetails.map((t: { id: string; name: string | null }) => [t.id, t.name])).toEqual([
      ['T1566.001', 'Spearphishing Attachment'],
      ['T1234.567', null],
    ]);
  });
});
