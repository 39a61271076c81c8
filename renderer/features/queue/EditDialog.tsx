import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { CREDIBILITY_OPTIONS, RELIABILITY_OPTIONS, SEVERITY_OPTIONS } from '../../lib/triage-words';
import { editFormFor, editPatch, type EditForm } from './edit-patch';
import { useOverlayStore } from './overlay-store';
import { useQueueStore } from './queue-store';
import { useTriageTarget } from './use-triage-target';

/** `e`: confidence, Admiralty code, severity, tags, assignee and valid-until in one form. */
export function EditDialog() {
  const close = useOverlayStore((state) => state.close);
  const update = useQueueStore((state) => state.update);
  const target = useTriageTarget();
  const [before] = useState(() => editFormFor(target.row));
  const [form, setForm] = useState(before);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const bind = (field: keyof EditForm) => ({
    id: `${id}-${field}`,
    value: form[field],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = editPatch(before, form);
    if (!result.ok) return setProblem(result.message);
    close();
    void update(result.patch, 'Edited');
  };

  return (
    <Dialog title={`Edit: ${target.label}`} onClose={close}>
      {target.row === undefined && <p className="muted">Fields left blank stay as they are on each indicator.</p>}
      <form className="edit-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Enter' && (event.ctrlKey || event.metaKey) && submit(event)}>
        <Field id={`${id}-confidence`} label="Confidence (0–100)">
          <input type="number" min={0} max={100} {...bind('confidence')} data-autofocus />
        </Field>
        <Field id={`${id}-severity`} label="Severity">
          <select {...bind('severity')}>
            <option value="">{target.row ? 'Not assessed' : 'Unchanged'}</option>
            {!target.row && <option value="-">Clear</option>}
            {SEVERITY_OPTIONS.map((level) => (
              <option key={level}>{level}</option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-reliability`} label="Source reliability (Admiralty)">
          <select {...bind('reliability')}>
            <option value="">—</option>
            {RELIABILITY_OPTIONS.map((grade) => (
              <option key={grade}>{grade}</option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-credibility`} label="Information credibility">
          <select {...bind('credibility')}>
            <option value="">—</option>
            {CREDIBILITY_OPTIONS.map((grade) => (
              <option key={grade}>{grade}</option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-assignee`} label="Assignee">
          <input type="text" {...bind('assignee')} placeholder="analyst handle" />
        </Field>
        <Field id={`${id}-validUntil`} label="Valid until">
          <input type="date" {...bind('validUntil')} />
        </Field>
        <Field id={`${id}-addTags`} label="Add tags (comma-separated)">
          <input type="text" {...bind('addTags')} />
        </Field>
        <Field id={`${id}-removeTags`} label="Remove tags">
          <input type="text" {...bind('removeTags')} placeholder={target.row?.tags.join(', ') || ''} />
        </Field>
        {problem && <Notice tone="error">{problem}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
