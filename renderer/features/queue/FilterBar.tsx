import { useEffect, useId, useState, type ReactNode } from 'react';
import type { SourceSummary } from '../../../preload/contract';
import { requireClient } from '../../lib/client';
import { isTlpLevel, TLP_OPTIONS, tlpLabel } from '../../lib/tlp';
import { isTriageStatus, STATUS_OPTIONS, statusLabel } from '../../lib/triage-words';
import { confidence, isDay, type FilterForm } from './filter-form';
import { selectImportsSettled, useImportStore } from '../import/import-store';
import { INDICATOR_TYPE_OPTIONS } from './indicator-types';
import { selectQueueForm, useQueueStore } from './queue-store';

/** Typing pauses this long before the queue reloads, so a typed value is one request, not one per key. */
export const TYPING_DELAY_MS = 250;

/** One field per filterable property of an indicator. */
export function FilterBar() {
  const form = useQueueStore(selectQueueForm);
  const setForm = useQueueStore((state) => state.setForm);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  // A finished import may add a source: the list is read again then, not only when the page opens (issue #17.10).
  const importsSettled = useImportStore(selectImportsSettled);
  const id = useId();
  const set = (patch: Partial<FilterForm>) => void setForm(patch);

  useEffect(() => {
    requireClient()
      .sources.list({})
      .then(setSources, () => setSources([]));
    // Suggestions only: without them the field still filters (case-insensitively) by what is typed.
    requireClient()
      .queue.tags({})
      .then((list) => setTags(list.map((each) => each.tag)), () => setTags([]));
  }, [importsSettled]);

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <Field id={`${id}-type`} label="Type">
        <select id={`${id}-type`} value={form.type} onChange={(event) => set({ type: event.target.value })}>
          <option value="">Any</option>
          {INDICATOR_TYPE_OPTIONS.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-status`} label="Status">
        <select id={`${id}-status`} value={form.status} onChange={(event) => set({ status: isTriageStatus(event.target.value) ? event.target.value : '' })}>
          <option value="">Any</option>
          {STATUS_OPTIONS.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-tlp`} label="TLP">
        <span className="field-pair">
          <select aria-label="TLP comparison" value={form.tlpOp} onChange={(event) => set({ tlpOp: event.target.value === '<=' ? '<=' : '=' })}>
            <option value="=">=</option>
            <option value="<=">≤</option>
          </select>
          <select id={`${id}-tlp`} value={form.tlp} onChange={(event) => set({ tlp: isTlpLevel(event.target.value) ? event.target.value : '' })}>
            <option value="">Any</option>
            {TLP_OPTIONS.map((level) => (
              <option key={level} value={level}>
                {tlpLabel(level)}
              </option>
            ))}
          </select>
        </span>
      </Field>
      <Field id={`${id}-source`} label="Source">
        <select id={`${id}-source`} value={form.source} onChange={(event) => set({ source: event.target.value })}>
          <option value="">Any</option>
          {[...new Set(sources.map((source) => source.name))].map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </Field>
      <TypedField label="Tag" value={form.tag} onCommit={(tag) => set({ tag })} width="short" suggestions={tags} />
      <TypedField label="Confidence ≥" value={form.confidenceMin} onCommit={(confidenceMin) => set({ confidenceMin })} width="tiny" inputMode="numeric" check={checkConfidence} />
      <TypedField
        label="≤"
        value={form.confidenceMax}
        onCommit={(confidenceMax) => set({ confidenceMax })}
        width="tiny"
        inputMode="numeric"
        ariaLabel="Confidence ≤"
        check={checkConfidence}
      />
      <DateRange label="First seen" from={form.firstSeenFrom} to={form.firstSeenTo} onChange={(from, to) => set({ firstSeenFrom: from, firstSeenTo: to })} />
      <DateRange label="Last seen" from={form.lastSeenFrom} to={form.lastSeenTo} onChange={(from, to) => set({ lastSeenFrom: from, lastSeenTo: to })} />
      <Field id={`${id}-list`} label="Warninglist">
        <select
          id={`${id}-list`}
          value={form.warninglist}
          onChange={(event) => set({ warninglist: event.target.value === 'yes' || event.target.value === 'no' ? event.target.value : '' })}
        >
          <option value="">Any</option>
          <option value="yes">On a list</option>
          <option value="no">Not on a list</option>
        </select>
      </Field>
      <Field id={`${id}-briefing`} label="In a briefing">
        <select id={`${id}-briefing`} value={form.inBriefing} onChange={(event) => set({ inBriefing: event.target.value })}>
          <option value="">Any</option>
          <option value="yes">In a briefing</option>
          <option value="no">In no briefing</option>
          {/^\d+$/.test(form.inBriefing) && <option value={form.inBriefing}>{`Briefing ${form.inBriefing}`}</option>}
        </select>
      </Field>
    </div>
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

interface TypedFieldProps {
  label: string;
  ariaLabel?: string;
  value: string;
  onCommit(value: string): void;
  width: 'tiny' | 'short';
  inputMode?: 'numeric';
  /** Why the text is not a value this filter takes, or null; shown beside the field (never silently ignored). */
  check?: (text: string) => string | null;
  /** Values to offer as the analyst types (a datalist: the browser matches them ignoring case). */
  suggestions?: readonly string[];
}

/** Out-of-range or non-numeric confidence was ignored without a word (issue #17.10). */
const checkConfidence = (text: string): string | null => (text.trim() === '' || confidence(text) !== null ? null : 'Confidence is a whole number from 0 to 100.');
const checkDay = (text: string): string | null => (text.trim() === '' || isDay(text.trim()) ? null : 'A day as YYYY-MM-DD.');

/** A text field that applies its value once typing pauses. */
function TypedField({ label, ariaLabel, value, onCommit, width, inputMode, check, suggestions }: TypedFieldProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const id = useId();
  if (value !== seen) {
    // The store changed underneath (a saved view, "clear filters"): show its value.
    setSeen(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  const problem = check?.(draft) ?? null;
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="text"
        className={`input-${width}`}
        aria-label={ariaLabel}
        inputMode={inputMode}
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        list={suggestions?.length ? `${id}-suggestions` : undefined}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </Field>
  );
}

/**
 * Days typed as ISO YYYY-MM-DD like every date the app shows (issue #17.10: the browser's date input
 * showed mm/dd/yyyy); a day that is not one is named beside the field.
 */
function DateRange({ label, from, to, onChange }: { label: string; from: string; to: string; onChange(from: string, to: string): void }) {
  const id = useId();
  const problem = checkDay(from) ?? checkDay(to);
  return (
    <Field id={`${id}-from`} label={label}>
      <span className="field-pair">
        <input
          id={`${id}-from`}
          type="text"
          className="input-date"
          placeholder="YYYY-MM-DD"
          aria-label={`${label} from`}
          aria-invalid={checkDay(from) ? true : undefined}
          value={from}
          onChange={(event) => onChange(event.target.value, to)}
        />
        <input
          type="text"
          className="input-date"
          placeholder="YYYY-MM-DD"
          aria-label={`${label} to`}
          aria-invalid={checkDay(to) ? true : undefined}
          value={to}
          onChange={(event) => onChange(from, event.target.value)}
        />
      </span>
      {problem && (
        <span className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </Field>
  );
}
