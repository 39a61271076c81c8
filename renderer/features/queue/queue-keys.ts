import type { TriageStatus } from '../../../preload/contract';
import { STATUS_KEYS, statusLabel } from '../../lib/triage-words';

/** What a key press on the queue asks for; the page maps each command to a store action. */
export type QueueCommand =
  | { kind: 'move'; by: number }
  | { kind: 'top' }
  | { kind: 'bottom' }
  | { kind: 'toggle-select' }
  | { kind: 'range-select' }
  | { kind: 'clear-selection' }
  | { kind: 'status'; status: TriageStatus }
  | { kind: 'tlp' }
  | { kind: 'edit' }
  | { kind: 'note' }
  | { kind: 'search' }
  | { kind: 'undo' }
  | { kind: 'help' }
  | { kind: 'copy'; defanged: boolean };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

/** `g g` must be typed within this long; a lone `g` does nothing. */
export const CHORD_MS = 1000;

export interface KeyState {
  /** When the first `g` of `g g` was pressed, if one is pending. */
  pendingG: number | null;
}

export const INITIAL_KEY_STATE: KeyState = { pendingG: null };

const PAGE_ROWS = 10;

const SINGLE: Record<string, QueueCommand> = {
  j: { kind: 'move', by: 1 },
  ArrowDown: { kind: 'move', by: 1 },
  k: { kind: 'move', by: -1 },
  ArrowUp: { kind: 'move', by: -1 },
  PageDown: { kind: 'move', by: PAGE_ROWS },
  PageUp: { kind: 'move', by: -PAGE_ROWS },
  Home: { kind: 'top' },
  End: { kind: 'bottom' },
  G: { kind: 'bottom' },
  x: { kind: 'toggle-select' },
  X: { kind: 'range-select' },
  Escape: { kind: 'clear-selection' },
  t: { kind: 'tlp' },
  e: { kind: 'edit' },
  n: { kind: 'note' },
  '/': { kind: 'search' },
  u: { kind: 'undo' },
  '?': { kind: 'help' },
  C: { kind: 'copy', defanged: true },
  ...Object.fromEntries(STATUS_KEYS.map(({ key, status }) => [key, { kind: 'status', status } as QueueCommand])),
};

/**
 * Interprets one key press. Chords with Ctrl, Cmd or Alt are left to the browser and to app-wide
 * shortcuts (Ctrl+K, Ctrl+L); Shift is part of the key itself (`G`, `X`, `?`).
 */
export function interpretKey(event: KeyLike, now: number, state: KeyState): { command: QueueCommand | null; state: KeyState } {
  // Ctrl/Cmd+C on the list copies the focused value or the selection (issue #17.8).
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'c') {
    return { command: { kind: 'copy', defanged: false }, state: INITIAL_KEY_STATE };
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return { command: null, state: INITIAL_KEY_STATE };
  if (event.key === 'g') {
    if (state.pendingG !== null && now - state.pendingG <= CHORD_MS) return { command: { kind: 'top' }, state: INITIAL_KEY_STATE };
    return { command: null, state: { pendingG: now } };
  }
  return { command: SINGLE[event.key] ?? null, state: INITIAL_KEY_STATE };
}

/** Keys typed into a field are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]') !== null;
}

/** Ctrl+K (Cmd+K on macOS) opens the command palette from anywhere, inputs included. */
export function isPaletteShortcut(event: KeyLike): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
}

/** Every shortcut, for the `?` sheet. */
export const SHORTCUT_SHEET: readonly { keys: string; what: string }[] = [
  { keys: 'j / k  (↓ / ↑)', what: 'Next / previous indicator' },
  { keys: 'PgDn / PgUp', what: `Move ${PAGE_ROWS} rows` },
  { keys: 'g g  (Home)', what: 'First indicator' },
  { keys: 'G  (End)', what: 'Last indicator' },
  { keys: 'x', what: 'Select or unselect the focused indicator' },
  { keys: 'X  (Shift+x)', what: 'Select the range from the last selected to the focused one' },
  { keys: 'Esc', what: 'Clear the selection' },
  ...STATUS_KEYS.map(({ key, status }) => ({ keys: key, what: `Set status: ${statusLabel(status)}` })),
  { keys: 't', what: 'Set TLP (opens a picker: 1–5, or t again to cycle)' },
  { keys: 'e', what: 'Edit confidence, Admiralty, severity, tags, assignee, valid until' },
  { keys: 'n', what: 'Note on the focused indicator (Ctrl+Enter saves)' },
  { keys: '/', what: 'Search' },
  { keys: 'u', what: 'Undo the last change' },
  { keys: 'Ctrl/⌘ + C', what: 'Copy the value (the selection: one value a line)' },
  { keys: 'C  (Shift+c)', what: 'Copy defanged (evil[.]com, hxxp://…)' },
  { keys: '?', what: 'This sheet' },
  { keys: 'Ctrl/⌘ + K', what: 'Command palette (bulk actions, views, screens)' },
  { keys: 'Ctrl/⌘ + L', what: 'Lock the vault' },
];
