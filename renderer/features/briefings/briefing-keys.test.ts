import { describe, expect, it } from 'vitest';
import { interpretEditorKey, interpretListKey } from './briefing-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('briefing keys', () => {
  it('saves and exports with Ctrl or Cmd even while typing; single keys only outside fields', () => {
    expect(interpretEditorKey(key('s', { ctrlKey: true }), true)).toEqual({ kind: 'save-version' });
    expect(interpretEditorKey(key('E', { metaKey: true }), true)).toEqual({ kind: 'export' });
    expect(interpretEditorKey(key('a'), true)).toBeNull();
    expect(interpretEditorKey(key('a'), false)).toEqual({ kind: 'attach' });
    expect(interpretEditorKey(key('Escape'), false)).toEqual({ kind: 'back' });
    expect(interpretEditorKey(key('s', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('leaves app chords to the app on the list', () => {
    expect(interpretListKey(key('n'))).toEqual({ kind: 'new' });
    expect(interpretListKey(key('k', { ctrlKey: true }))).toBeNull();
    expect(interpretListKey(key('j'))).toEqual({ kind: 'move', by: 1 });
  });
});
