import { describe, expect, it } from 'vitest';
import { buildMatrix, isTechniqueId, tacticLabel } from './attack-tactics';

describe('ATT&CK matrix', () => {
  it('orders tactic columns as the kill chain, lists a technique under each of its tactics, unknown ids last', () => {
    const columns = buildMatrix([
      { id: 'T1071.001', name: 'Web Protocols', tactics: ['command-and-control'] },
      { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'] },
      { id: 'T1078', name: 'Valid Accounts', tactics: ['privilege-escalation', 'initial-access', 'persistence'] },
      { id: 'T9999', name: null, tactics: [] },
    ]);
    expect(columns.map((column) => column.tactic)).toEqual(['initial-access', 'persistence', 'privilege-escalation', 'command-and-control', null]);
    expect(columns[0]?.techniques.map((t) => t.id)).toEqual(['T1078', 'T1566.001']);
    expect(columns.at(-1)?.techniques.map((t) => t.id)).toEqual(['T9999']);
  });

  it('labels tactics as the matrix does and recognises technique ids', () => {
    expect(tacticLabel('command-and-control')).toBe('Command and Control');
    expect(tacticLabel('initial-access')).toBe('Initial Access');
    expect(isTechniqueId('t1566.001')).toBe(true);
    expect(isTechniqueId('T1566')).toBe(true);
    expect(isTechniqueId('T15')).toBe(false);
    expect(isTechniqueId('phishing')).toBe(false);
  });
});
