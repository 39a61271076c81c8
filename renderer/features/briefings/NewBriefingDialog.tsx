import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BriefingTemplate } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { useBriefingsStore } from './briefings-store';

/** A new briefing: a title and a template (the built-in Cyber Activity Report and Operational brief, or the analyst's own). */
export function NewBriefingDialog({ onClose }: { onClose(): void }) {
  const create = useBriefingsStore((state) => state.create);
  const [templates, setTemplates] = useState<BriefingTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const name = useId();

  useEffect(() => {
    requireClient()
      .briefings.templates({})
      .then(
        (list) => {
          setTemplates(list);
          setTemplateId((current) => current ?? list.find((template) => template.key === 'car')?.id ?? list[0]?.id ?? null);
        },
        (failure: unknown) => setError(toApiFailure(failure).message),
      );
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    const id = await create(title.trim(), templateId ?? undefined);
    setBusy(false);
    if (id !== null) onClose();
  };

  return (
    <ModalDialog title="New briefing" onClose={onClose} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={titleId}>Title</label>
          <input id={titleId} type="text" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={500} data-autofocus />
        </div>
        <fieldset className="template-choice">
          <legend>Template</legend>
          {templates === null && !error && <p className="muted">Loading templates…</p>}
          {error && <Notice tone="error">{error}</Notice>}
          {templates?.map((template) => (
            <label key={template.id} className="template-option">
              <input type="radio" name={name} checked={templateId === template.id} onChange={() => setTemplateId(template.id)} />
              <span className="template-name">{template.name}</span>
              {!template.builtIn && <span className="muted"> (saved by {template.createdBy ?? 'an analyst'})</span>}
              <span className="template-description muted">
                {template.description || template.sections.map((section) => section.heading).join(' · ')}
              </span>
            </label>
          ))}
          <label className="template-option">
            <input type="radio" name={name} checked={templateId === null} onChange={() => setTemplateId(null)} />
            <span className="template-name">Blank</span>
            <span className="template-description muted">One empty section</span>
          </label>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !title.trim()}>
            Create
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
