import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { SavedView } from '../../../preload/contract';
import { SECTIONS, useNavigationStore, type SectionId } from '../../app/navigation-store';
import { Dialog } from '../../components/Dialog';
import { tlpLabel } from '../../lib/tlp';
import { statusLabel } from '../../lib/triage-words';
import { useImportStore } from '../import/import-store';
import { useOverlayStore } from '../queue/overlay-store';
import { selectQueueTotal, useQueueStore } from '../queue/queue-store';
import { useTriageTarget } from '../queue/use-triage-target';
import { selectViews, useViewsStore } from '../queue/views-store';
import { useVaultStore } from '../vault-access/vault-store';
import { filterPaletteCommands, listPaletteCommands, type PaletteActions } from './palette-commands';

/** Ctrl/Cmd+K: every action by name, bulk actions on the filtered set included. */
export function CommandPalette() {
  const { open, close } = useOverlayStore.getState();
  const section = useNavigationStore((state) => state.section);
  const total = useQueueStore(selectQueueTotal);
  const views = useViewsStore(selectViews);
  const target = useTriageTarget();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const commands = useMemo(() => {
    const queue = () => useQueueStore.getState();
    const actions: PaletteActions = {
      setStatus: (status) => void queue().update({ status }, `Status set to ${statusLabel(status)}`),
      setTlp: (level) => void queue().update({ tlp: level }, `TLP set to ${tlpLabel(level)}`),
      confirmBulk: (patch, label, count) => open({ kind: 'confirm-bulk', patch, label, count }),
      undo: () => void queue().undo(),
      edit: () => open({ kind: 'edit' }),
      note: () => open({ kind: 'note' }),
      attachToBriefing: () => open({ kind: 'attach-to-briefing' }),
      shareToHub: () => open({ kind: 'share-to-hub' }),
      search: () => document.getElementById('queue-search')?.focus(),
      clearFilters: () => void queue().resetForm(),
      saveView: () => open({ kind: 'save-view' }),
      exportQueue: () => open({ kind: 'export-queue' }),
      openView: (view: SavedView) => void queue().applyView(view),
      deleteView: (view: SavedView) => void useViewsStore.getState().remove(view.id),
      openImport: () => {
        useNavigationStore.getState().go('queue');
        useImportStore.getState().open();
      },
      go: (id) => useNavigationStore.getState().go(id as SectionId),
      help: () => open({ kind: 'help' }),
      lock: () => void useVaultStore.getState().lock(),
    };
    return listPaletteCommands({ onQueue: section === 'queue', total, targetCount: target.count, views, sections: SECTIONS }, actions);
  }, [open, section, total, target.count, views]);
  const shown = filterPaletteCommands(commands, query);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const run = (index: number) => {
    const command = shown[index];
    if (!command) return;
    // Closed first: a command may open another overlay (a confirmation, a form).
    close();
    command.run();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(shown.length, 1));
    else if (event.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(shown.length, 1));
    else if (event.key === 'Enter') run(current);
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title="Command palette" onClose={close} className="palette">
      <input
        type="text"
        className="palette-input"
        aria-label="Command"
        placeholder="Type a command: mark all benign, set TLP, go to overview…"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `palette-${shown[current].id}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
        {shown.length === 0 && <li className="muted palette-empty">No command matches.</li>}
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={`palette-${command.id}`}
            role="option"
            aria-selected={index === current}
            className="palette-item"
            onMouseMove={() => index !== current && setActive(index)}
            onClick={() => run(index)}
          >
            <span className="palette-group">{command.group}</span>
            <span className="palette-title">{command.title}</span>
            {command.shortcut && <kbd>{command.shortcut}</kbd>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
