import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { useOverlayStore } from './overlay-store';
import { selectViewsError, useViewsStore } from './views-store';

export function SaveViewDialog() {
  const close = useOverlayStore((state) => state.close);
  const save = useViewsStore((state) => state.save);
  const error = useViewsStore(selectViewsError);
  const [name, setName] = useState('');
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (await save(name))) close();
  };

  return (
    <Dialog title="Save the current view" onClose={close} className="dialog-narrow">
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={id}>View name</label>
          <input id={id} type="text" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} data-autofocus />
        </div>
        <p className="muted">Saves the filters, the search text and the sort order.</p>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!name.trim()}>
            Save view
          </button>
        </div>
      </form>
    </Dialog>
  );
}
