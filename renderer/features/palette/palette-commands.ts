import type { SavedView, TlpLevel, TriagePatch, TriageStatus } from '../../../preload/contract';
import { formatCount } from '../../lib/format';
import { TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { STATUS_KEYS, STATUS_OPTIONS, statusLabel } from '../../lib/triage-words';

export interface PaletteCommand {
  id: string;
  group: 'Triage' | 'Briefing' | 'Filtered set' | 'Views' | 'Go to' | 'Help';
  title: string;
  /** A key that does the same outside the palette. */
  shortcut?: string;
  run(): void;
}

export interface PaletteContext {
  onQueue: boolean;
  /** Rows in the filtered queue (null while counting). */
  total: number | null;
  /** Indicators a status change would touch (selection, else focused row). */
  targetCount: number;
  views: readonly SavedView[];
  sections: readonly { id: string; label: string }[];
}

export interface PaletteActions {
  setStatus(status: TriageStatus): void;
  setTlp(level: TlpLevel): void;
  confirmBulk(patch: TriagePatch, label: string, count: number): void;
  undo(): void;
  edit(): void;
  note(): void;
  attachToBriefing(): void;
  shareToHub(): void;
  search(): void;
  clearFilters(): void;
  saveView(): void;
  exportQueue(): void;
  openView(view: SavedView): void;
  deleteView(view: SavedView): void;
  openImport(): void;
  go(section: string): void;
  help(): void;
  lock(): void;
}

const keyOf = (status: TriageStatus) => STATUS_KEYS.find((entry) => entry.status === status)?.key;

/** Every action the palette offers here and now; queue actions only on the Queue. */
export function listPaletteCommands(context: PaletteContext, act: PaletteActions): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  if (context.onQueue) {
    const who = context.targetCount > 1 ? ` (${formatCount(context.targetCount)} selected)` : '';
    if (context.targetCount > 0) {
      for (const status of STATUS_OPTIONS) {
        if (status === 'expired') continue;
        commands.push({ id: `status-${status}`, group: 'Triage', title: `Set status: ${statusLabel(status)}${who}`, shortcut: keyOf(status), run: () => act.setStatus(status) });
      }
      for (const level of TLP_OPTIONS) commands.push({ id: `tlp-${level}`, group: 'Triage', title: `Set TLP: ${tlpLabel(level)}${who}`, shortcut: 't', run: () => act.setTlp(level) });
      commands.push({ id: 'edit', group: 'Triage', title: `Edit confidence, severity, tags…${who}`, shortcut: 'e', run: act.edit });
      commands.push({ id: 'note', group: 'Triage', title: 'Write a note on the focused indicator', shortcut: 'n', run: act.note });
      commands.push({ id: 'attach-briefing', group: 'Briefing', title: `Attach selection to briefing…${who}`, run: act.attachToBriefing });
      commands.push({ id: 'share-hub', group: 'Triage', title: `Share to hub…${who}`, run: act.shareToHub });
    }
    commands.push({ id: 'undo', group: 'Triage', title: 'Undo the last change', shortcut: 'u', run: act.undo });
    if (context.total !== null && context.total > 0) {
      const count = context.total;
      for (const status of STATUS_OPTIONS) {
        if (status === 'expired') continue;
        const label = `Marked as ${statusLabel(status).toLowerCase()}`;
        commands.push({
          id: `bulk-status-${status}`,
          group: 'Filtered set',
          title: `Mark all ${formatCount(count)} filtered as ${statusLabel(status).toLowerCase()}`,
          run: () => act.confirmBulk({ status }, label, count),
        });
      }
      for (const level of TLP_OPTIONS) {
        commands.push({
          id: `bulk-tlp-${level}`,
          group: 'Filtered set',
          title: `Set TLP of all ${formatCount(count)} filtered to ${tlpLabel(level)}`,
          run: () => act.confirmBulk({ tlp: level }, `TLP set to ${tlpLabel(level)}`, count),
        });
      }
    }
    if (context.total !== null && context.total > 0) {
      commands.push({ id: 'export-queue', group: 'Filtered set', title: 'Export filtered queue…', run: act.exportQueue });
    }
    commands.push({ id: 'search', group: 'Views', title: 'Search the queue', shortcut: '/', run: act.search });
    commands.push({ id: 'clear', group: 'Views', title: 'Clear all filters', run: act.clearFilters });
    commands.push({ id: 'save-view', group: 'Views', title: 'Save the current view…', run: act.saveView });
    for (const view of context.views) {
      commands.push({ id: `view-${view.id}`, group: 'Views', title: `Open view: ${view.name}`, run: () => act.openView(view) });
      commands.push({ id: `view-delete-${view.id}`, group: 'Views', title: `Delete view: ${view.name}`, run: () => act.deleteView(view) });
    }
  }
  commands.push({ id: 'import', group: 'Go to', title: 'Open Import…', run: act.openImport });
  for (const section of context.sections) commands.push({ id: `go-${section.id}`, group: 'Go to', title: `Go to ${section.label}`, run: () => act.go(section.id) });
  commands.push({ id: 'lock', group: 'Go to', title: 'Lock the vault', shortcut: 'Ctrl+L', run: act.lock });
  commands.push({ id: 'help', group: 'Help', title: 'Keyboard shortcuts', shortcut: '?', run: act.help });
  return commands;
}

/** Commands whose title holds every word of the query, in any order (case-insensitive). */
export function filterPaletteCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((command) => {
    const title = command.title.toLowerCase();
    return words.every((word) => title.includes(word));
  });
}
