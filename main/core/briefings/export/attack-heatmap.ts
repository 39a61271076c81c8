/**
 * The ATT&CK matrix heatmap of a briefing's techniques: tactics as columns in ATT&CK's kill-chain order
 * (enterprise, then mobile and ICS tactics not already listed), each cell shaded by how many of the
 * briefing's techniques fall under the tactic. Techniques without a known tactic get their own column.
 */
import type { ExportTechnique } from './export-input';
import { escapeHtml } from './html-escape';

const TACTIC_ORDER = [
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation',
  'defense-evasion', 'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control',
  'exfiltration', 'impact',
  // ICS tactics absent from enterprise.
  'evasion', 'inhibit-response-function', 'impair-process-control',
];

const NO_TACTIC = 'unknown tactic';

/** The heatmap as an HTML table, or an empty string when the briefing names no techniques. */
export function attackHeatmapHtml(techniques: readonly ExportTechnique[]): string {
  if (techniques.length === 0) return '';
  const byTactic = new Map<string, ExportTechnique[]>();
  for (const technique of techniques) {
    const tactics = technique.tactics.length > 0 ? technique.tactics : [NO_TACTIC];
    for (const tactic of tactics) {
      const list = byTactic.get(tactic);
      if (list) list.push(technique);
      else byTactic.set(tactic, [technique]);
    }
  }
  const columns = [...byTactic.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const most = Math.max(...columns.map((c) => byTactic.get(c)!.length));
  const head = columns.map((c) => `<th scope="col">${escapeHtml(titleCase(c))}<span class="count">${byTactic.get(c)!.length}</span></th>`).join('');
  const cells = columns.map((c) => {
    const list = byTactic.get(c)!;
    // Five shades: the busiest tactic is the darkest.
    const heat = Math.max(1, Math.ceil((list.length / most) * 5));
    const items = list.map((t) => `<li><span class="technique-id">${escapeHtml(t.id.toUpperCase())}</span>${t.name ? ` ${escapeHtml(t.name)}` : ''}</li>`).join('');
    return `<td class="heat-${heat}"><ul>${items}</ul></td>`;
  }).join('');
  return `<table class="attack-heatmap"><thead><tr>${head}</tr></thead><tbody><tr>${cells}</tr></tbody></table>`;
}

function rank(tactic: string): number {
  if (tactic === NO_TACTIC) return Number.MAX_SAFE_INTEGER;
  const at = TACTIC_ORDER.indexOf(tactic);
  return at < 0 ? TACTIC_ORDER.length : at;
}

function titleCase(tactic: string): string {
  return tactic.split('-').map((w) => (w === 'and' ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}
