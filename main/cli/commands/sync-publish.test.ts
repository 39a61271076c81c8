import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BriefingService } from '../../core/briefings';
import { addSyncProfile } from '../../core/sync';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { vaultWithIndicators } from '../../../test/helpers/sync-harness';
import { steppingClock } from '../../../test/helpers/vault-forge';
import type { CliIo } from '../context';
import { runCli } from '../run';

const dirs = tempDirs('liaison-cli-publish-');
afterEach(() => dirs.cleanup());

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, stdin: new PassThrough(), env: { LIAISON_ANALYST: 'ana', ...env } };
  return { value, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('liaison briefing publish', () => {
  it('publishes an approved briefing and says what each profile got', async () => {
    const dir = dirs.make();
    const vault = await vaultWithIndicators(dir, ['198.51.100.71'], steppingClock());
    addSyncProfile(vault.db, { name: 'hub', discoveryUrl: 'https://hub.example.org/taxii2/', pushCollection: 'c1', credentials: { kind: 'none' }, tlpMax: 'amber' }, { actor: 'ana', at: vault.now() });
    const service = new BriefingService({ reader: () => vault.db, writer: () => vault.db, author: () => ({ actor: 'ana', at: vault.now() }), changed: () => undefined });
    const b = service.create({ title: 'Relay hosts', tlp: 'green' });
    service.attach(b.id, { keys: ['ipv4:198.51.100.71'] });
    service.setStatus(b.id, 'in-review');
    service.setStatus(b.id, 'approved');
    vault.close();

    const env = { LIAISON_VAULT: path.join(dir, 'vault'), LIAISON_PASSPHRASE: 'import test passphrase' };
    const run = io(env);
    expect(await runCli(['briefing', 'publish', String(b.id), '--json'], run.value)).toBe(0);
    expect(JSON.parse(run.stdout())).toEqual({ briefingId: b.id, version: expect.any(Number), profiles: [{ profile: 'hub', queued: 3, withheld: 0 }] });
    const missing = io(env);
    expect(await runCli(['briefing', 'publish', String(b.id), '--to', 'nowhere'], missing.value)).toBe(1);
    expect(missing.stderr()).toBe('liaison: no sync profile named nowhere\n');
  });
});
