import type { KeyLike } from '../queue/queue-keys';

export type ListCommand = { kind: 'new' } | { kind: 'help' } | { kind: 'move'; by: number } | { kind: 'open' };
export type EditorCommand =
  | { kind: 'save-version' }
  | { kind: 'export' }
  | { kind: 'attach' }
  | { kind: 'technique' }
  | { kind: 'versions' }
  | { kind: 'back' }
  | { kind: 'help' };

const LIST_KEYS: Record<string, ListCommand> = {
  n: { kind: 'new' },
  '?': { kind: 'help' },
  j: { kind: 'move', by: 1 },
  ArrowDown: { kind: 'move', by: 1 },
  k: { kind: 'move', by: -1 },
  ArrowUp: { kind: 'move', by: -1 },
};

/** The list's single keys; chords with Ctrl, Cmd or Alt belong to the app (Ctrl+K, Ctrl+L). Enter opens the focused row natively. */
export function interpretListKey(event: KeyLike): ListCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  return LIST_KEYS[event.key] ?? null;
}

const EDITOR_KEYS: Record<string, EditorCommand> = {
  a: { kind: 'attach' },
  t: { kind: 'technique' },
  v: { kind: 'versions' },
  Escape: { kind: 'back' },
  '?': { kind: 'help' },
};

/**
 * The editor's keys. Ctrl/Cmd+S and Ctrl/Cmd+E work while typing (saving is what a writer reaches for
 * mid-sentence); single keys only when the focus is not in a field, where they are text.
 */
export function interpretEditorKey(event: KeyLike, typing: boolean): EditorCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && !event.shiftKey) {
    const key = event.key.toLowerCase();
    if (key === 's') return { kind: 'save-version' };
    if (key === 'e') return { kind: 'export' };
    return null;
  }
  if (typing || mod || event.altKey) return null;
  return EDITOR_KEYS[event.key] ?? null;
}

/** Every Briefings shortcut, for the `?` sheet. */
export const BRIEFING_SHORTCUT_SHEET: readonly { group: string; keys: string; what: string }[] = [
  { group: 'List', keys: 'j / k  (↓ / ↑)', what: 'Next / previous briefing' },
  { group: 'List', keys: 'Enter', what: 'Open the focused briefing' },
  { group: 'List', keys: 'n', what: 'New briefing from a template' },
  { group: 'Editor', keys: 'Ctrl/⌘ + S', what: 'Save a version (the draft autosaves as you type)' },
  { group: 'Editor', keys: 'Ctrl/⌘ + E', what: 'Export…' },
  { group: 'Editor', keys: 'Ctrl/⌘ + Enter', what: 'In a section body: start the next section' },
  { group: 'Editor', keys: 'a', what: 'Attach indicators (search, TYPE:VALUE or a where query)' },
  { group: 'Editor', keys: 't', what: 'Pick an ATT&CK technique by id or name' },
  { group: 'Editor', keys: 'v', what: 'Versions: diff two, restore one' },
  { group: 'Editor', keys: 'Esc', what: 'Back to the list (outside a field)' },
  { group: 'Queue', keys: 'Ctrl/⌘ + K', what: '“Attach selection to briefing…” from the queue' },
  { group: 'Any', keys: '?', what: 'This sheet' },
];
