import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { selectDetail, useBriefingsStore } from './briefings-store';

/** Saves the briefing's sections (headings, bodies, markings) as the analyst's own template. */
export function SaveTemplateDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const setNotice = useBriefingsStore((state) => state.setNotice);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (!detail) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      // The core reads the stored draft: store what was just typed first.
      await useBriefingsStore.getState().saveDraftNow();
      const template = await requireClient().briefings['save-template']({ name: name.trim(), briefingId: detail.id, ...(description.trim() ? { description: description.trim() } : {}) });
      setNotice({ tone: 'success', text: `Template “${template.name}” saved with ${template.sections.length} sections.` });
      onClose();
    } catch (failure) {
      setError(toApiFailure(failure).message);
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Save as template" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p className="muted">The template keeps this briefing’s section headings, bodies and markings; indicators and techniques are not part of it.</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Template name</label>
          <input id={`${id}-name`} type="text" value={name} maxLength={200} required onChange={(event) => setName(event.target.value)} data-autofocus />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description (optional)</label>
          <input id={`${id}-description`} type="text" value={description} maxLength={2000} onChange={(event) => setDescription(event.target.value)} />
        </div>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !name.trim()}>
            Save template
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
