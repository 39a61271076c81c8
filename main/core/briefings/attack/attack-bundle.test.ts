import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/helpers/temp-dirs';
import { readAttackBundle } from './attack-bundle';

const dirs = tempDirs('liaison-attack-bundle-');
afterAll(() => dirs.cleanup());

function bundleFile(objects: unknown[]): string {
  const file = path.join(dirs.make(), 'enterprise-attack.json');
  fs.writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }));
  return file;
}

describe('reading an ATT&CK bundle', () => {
  it('takes no domain or tactic from names that are members of Object.prototype', async () => {
    const file = bundleFile([
      {
        type: 'attack-pattern', id: 'attack-pattern--1', name: 'Phishing',
        external_references: [
          { source_name: '__proto__', external_id: 'T9999' },
          { source_name: 'constructor', external_id: 'T9998' },
          { source_name: 'mitre-attack', external_id: 'T1566', url: 'https://attack.mitre.org/techniques/T1566' },
        ],
        kill_chain_phases: [{ kill_chain_name: 'toString', phase_name: 'bogus' }, { kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
      },
    ]);
    const bundle = await readAttackBundle(file);
    expect(bundle.catalogues.map((c) => c.domain)).toEqual(['enterprise-attack']);
    expect(bundle.catalogues[0]!.techniques).toEqual([
      { id: 'T1566', name: 'Phishing', url: 'https://attack.mitre.org/techniques/T1566', tactics: ['initial-access'], isSubtechnique: false },
    ]);
  });
});
