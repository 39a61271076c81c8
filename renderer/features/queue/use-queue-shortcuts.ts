import { useEffect } from 'react';
import { statusLabel } from '../../lib/triage-words';
import { useOverlayStore } from './overlay-store';
import { INITIAL_KEY_STATE, interpretKey, isTypingTarget, type QueueCommand } from './queue-keys';
import { useQueueStore } from './queue-store';

/** Runs one queue command against the stores. */
export function runQueueCommand(command: QueueCommand): void {
  const queue = useQueueStore.getState();
  const { open } = useOverlayStore.getState();
  switch (command.kind) {
    case 'move':
      return queue.move(command.by);
    case 'top':
      return queue.focus(0);
    case 'bottom':
      return queue.focus((queue.total ?? 1) - 1);
    case 'toggle-select':
      return queue.toggleSelect();
    case 'range-select':
      return void queue.selectRange();
    case 'clear-selection':
      return queue.clearSelection();
    case 'status':
      return void queue.update({ status: command.status }, `Status set to ${statusLabel(command.status)}`);
    case 'tlp':
    case 'edit':
    case 'note':
    case 'help':
      return open({ kind: command.kind });
    case 'search':
      return document.getElementById('queue-search')?.focus();
    case 'undo':
      return void queue.undo();
    case 'copy':
      return void queue.copy(command.defanged);
  }
}

/**
 * The queue's single-key shortcuts, while the Queue screen is shown. Keys typed into a field or inside a
 * dialog are left alone; so is anything while an overlay is open.
 */
export function useQueueShortcuts(now: () => number = Date.now): void {
  useEffect(() => {
    let state = INITIAL_KEY_STATE;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target) || useOverlayStore.getState().overlay !== null) return;
      const result = interpretKey(event, now(), state);
      state = result.state;
      if (!result.command) return;
      // Text the analyst selected on the page (the detail pane) is theirs to copy.
      if (result.command.kind === 'copy' && (window.getSelection()?.toString() ?? '') !== '') return;
      event.preventDefault();
      runQueueCommand(result.command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [now]);
}
