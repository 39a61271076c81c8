import { useEffect, useRef } from 'react';
import { useOverlayStore } from '../queue/overlay-store';
import { isTypingTarget } from '../queue/queue-keys';
import { interpretEditorKey, interpretListKey, type EditorCommand } from './briefing-keys';

/** Whether a key press belongs to a modal (the platform <dialog> or the app's overlays), not to the screen. */
function inModal(target: EventTarget | null): boolean {
  if (useOverlayStore.getState().overlay !== null) return true;
  return target instanceof Element && target.closest('dialog') !== null;
}

/** The list's `n` and `?`; j/k move between rows (the rows' buttons carry `data-briefing-row`). */
export function useBriefingListShortcuts(actions: { onNew(): void; onHelp(): void }, paused: boolean): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (paused) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target) || inModal(event.target)) return;
      const command = interpretListKey(event);
      if (!command) return;
      event.preventDefault();
      if (command.kind === 'new') ref.current.onNew();
      else if (command.kind === 'help') ref.current.onHelp();
      else if (command.kind === 'move') {
        const rows = [...document.querySelectorAll<HTMLElement>('[data-briefing-row]')];
        const at = rows.findIndex((row) => row === document.activeElement);
        rows[Math.max(0, Math.min(rows.length - 1, at === -1 ? 0 : at + command.by))]?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [paused]);
}

/** The editor's keys (see BRIEFING_SHORTCUT_SHEET); paused while one of its dialogs is open. */
export function useBriefingEditorShortcuts(run: (command: EditorCommand) => void, paused: boolean): void {
  const ref = useRef(run);
  useEffect(() => {
    ref.current = run;
  });
  useEffect(() => {
    if (paused) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inModal(event.target)) return;
      const command = interpretEditorKey(event, isTypingTarget(event.target));
      if (!command) return;
      event.preventDefault();
      ref.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [paused]);
}
