/** A technique as a briefing shows it; the name and tactics are null/empty when no catalogue knows the id. */
export interface TechniqueCell {
  id: string;
  name: string | null;
  tactics: readonly string[];
}

/**
 * ATT&CK's kill-chain order (Enterprise, then the Mobile and ICS tactics that Enterprise lacks), so the
 * matrix reads left to right as an intrusion does. Tactics outside this list follow, alphabetically.
 */
const TACTIC_ORDER = [
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation',
  'defense-evasion', 'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control',
  'exfiltration', 'impact', 'network-effects', 'remote-service-effects', 'evasion', 'inhibit-response-function',
  'impair-process-control',
];

/** "command-and-control" -> "Command and Control", as the ATT&CK matrix heads its columns. */
export function tacticLabel(shortName: string): string {
  const small = new Set(['and', 'of', 'the']);
  return shortName
    .split('-')
    .map((word, index) => (index > 0 && small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

export interface MatrixColumn {
  /** A tactic short name, or null for techniques no catalogue places under a tactic. */
  tactic: string | null;
  techniques: TechniqueCell[];
}

/** The heatmap's columns: one per tactic that holds a picked technique, in kill-chain order; unplaced ids last. */
export function buildMatrix(techniques: readonly TechniqueCell[]): MatrixColumn[] {
  const byTactic = new Map<string, TechniqueCell[]>();
  const unplaced: TechniqueCell[] = [];
  for (const technique of techniques) {
    if (technique.tactics.length === 0) unplaced.push(technique);
    for (const tactic of technique.tactics) {
      const list = byTactic.get(tactic) ?? [];
      list.push(technique);
      byTactic.set(tactic, list);
    }
  }
  const rank = (tactic: string) => {
    const index = TACTIC_ORDER.indexOf(tactic);
    return index === -1 ? TACTIC_ORDER.length : index;
  };
  const tactics = [...byTactic.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const byId = (a: TechniqueCell, b: TechniqueCell) => a.id.localeCompare(b.id, 'en', { numeric: true });
  const columns: MatrixColumn[] = tactics.map((tactic) => ({ tactic, techniques: [...(byTactic.get(tactic) ?? [])].sort(byId) }));
  if (unplaced.length > 0) columns.push({ tactic: null, techniques: [...unplaced].sort(byId) });
  return columns;
}

/** ATT&CK ids: T1566, T1566.001 (Enterprise/Mobile/ICS techniques all use T####[.###]). */
export function isTechniqueId(text: string): boolean {
  return /^T\d{4}(\.\d{3})?$/.test(text.trim().toUpperCase());
}
