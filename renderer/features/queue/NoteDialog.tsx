import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { MarkdownText } from '../../components/MarkdownText';
import { selectShownTriage, useDetailStore } from './detail-store';
import { useOverlayStore } from './overlay-store';
import { selectFocusedRow, useQueueStore } from './queue-store';

/** `n`: the focused indicator's note, in Markdown; Ctrl/Cmd+Enter saves. */
export function NoteDialog() {
  const close = useOverlayStore((state) => state.close);
  const update = useQueueStore((state) => state.update);
  const row = useQueueStore(selectFocusedRow);
  const shownId = useDetailStore((state) => state.shownId);
  const triage = useDetailStore(selectShownTriage);
  const [text, setText] = useState(() => (row && shownId === row.id ? (triage?.notes ?? '') : ''));
  // The preview may lag a keystroke behind on a long note; the textarea never does.
  const preview = useDeferredValue(text);
  const id = useId();
  const previewId = useId();

  const save = () => {
    close();
    void update({ notes: text.trim() === '' ? null : text }, 'Note saved', true);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    save();
  };

  return (
    <Dialog title={`Note: ${row ? (row.display ?? row.value) : 'no indicator'}`} onClose={close} className="dialog-wide">
      <div className="field">
        <label htmlFor={id}>Note (Markdown)</label>
        <textarea id={id} className="note-text" rows={10} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} data-autofocus />
      </div>
      <section className="note-preview" aria-labelledby={previewId}>
        <h3 id={previewId} className="note-preview-title">
          Preview
        </h3>
        {preview.trim() === '' ? <p className="muted">Nothing to preview.</p> : <MarkdownText text={preview} className="notes-text" />}
      </section>
      <div className="dialog-actions">
        <span className="muted dialog-hint">Ctrl/⌘ + Enter saves</span>
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={save} disabled={!row}>
          Save note
        </button>
      </div>
    </Dialog>
  );
}
