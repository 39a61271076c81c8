import { describe, expect, it } from 'vitest';
import { CHORD_MS, INITIAL_KEY_STATE, interpretKey, isPaletteShortcut, isTypingTarget, SHORTCUT_SHEET } from './queue-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const command = (k: string) => interpretKey(key(k), 0, INITIAL_KEY_STATE).command;

describe('queue keys', () => {
  it('maps the single keys', () => {
    expect(command('j')).toEqual({ kind: 'move', by: 1 });
    expect(command('k')).toEqual({ kind: 'move', by: -1 });
    expect(command('x')).toEqual({ kind: 'toggle-select' });
    expect(command('X')).toEqual({ kind: 'range-select' });
    expect(command('G')).toEqual({ kind: 'bottom' });
    expect(command('1')).toEqual({ kind: 'status', status: 'malicious' });
    expect(command('3')).toEqual({ kind: 'status', status: 'benign' });
    expect(command('6')).toEqual({ kind: 'status', status: 'new' });
    expect(command('7')).toBeNull();
    expect(command('/')).toEqual({ kind: 'search' });
    expect(command('?')).toEqual({ kind: 'help' });
    expect(command('u')).toEqual({ kind: 'undo' });
  });

  it('goes to the top on g g typed in time, not on a lone or late g', () => {
    const first = interpretKey(key('g'), 1000, INITIAL_KEY_STATE);
    expect(first.command).toBeNull();
    expect(interpretKey(key('g'), 1000 + CHORD_MS, first.state).command).toEqual({ kind: 'top' });
    expect(interpretKey(key('g'), 1001 + CHORD_MS, first.state).command).toBeNull();
    const interrupted = interpretKey(key('j'), 1100, first.state);
    expect(interpretKey(key('g'), 1200, interrupted.state).command).toBeNull();
  });

  it('leaves chords with Ctrl, Cmd or Alt alone', () => {
    expect(interpretKey(key('j', { ctrlKey: true }), 0, INITIAL_KEY_STATE).command).toBeNull();
    expect(interpretKey(key('1', { altKey: true }), 0, INITIAL_KEY_STATE).command).toBeNull();
    expect(isPaletteShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k'))).toBe(false);
  });

  it('treats fields and dialogs as typing targets', () => {
    document.body.innerHTML = '<input id="a"><textarea id="b"></textarea><div role="dialog"><button id="c"></button></div><div id="d" tabindex="0"></div>';
    for (const id of ['a', 'b', 'c']) expect(isTypingTarget(document.getElementById(id))).toBe(true);
    expect(isTypingTarget(document.getElementById('d'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('lists every status key on the sheet', () => {
    const sheet = SHORTCUT_SHEET.map((entry) => `${entry.keys} ${entry.what}`).join('\n');
    for (const text of ['1 Set status: Malicious', '4 Set status: False positive', '6 Set status: New', 'Ctrl/⌘ + K']) expect(sheet).toContain(text);
  });
});

describe('copy keys (issue #17.8)', () => {
  it('Ctrl/Cmd+C copies the value, Shift+C the defanged value; Ctrl+Shift+C is left to the browser', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
      interpretKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods }, 0, INITIAL_KEY_STATE).command;
    expect(key('c', { ctrlKey: true })).toEqual({ kind: 'copy', defanged: false });
    expect(key('c', { metaKey: true })).toEqual({ kind: 'copy', defanged: false });
    expect(key('C', { shiftKey: true })).toEqual({ kind: 'copy', defanged: true });
    expect(key('C', { ctrlKey: true, shiftKey: true })).toBeNull();
  });
});
