import { useId, type ReactNode } from 'react';
import type { BriefingContent, BriefingPerson, BriefingRecipient, BriefingReference } from '../../../preload/contract';
import { TlpSelect } from '../../components/TlpSelect';

interface MetadataFieldsProps {
  draft: BriefingContent;
  editable: boolean;
  onEdit(patch: Partial<BriefingContent>): void;
}

/** Summary, marking, validity, authors, distribution and references. */
export function MetadataFields({ draft, editable, onEdit }: MetadataFieldsProps) {
  const id = useId();
  return (
    <section className="briefing-panel briefing-metadata" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>About this briefing</h2>
      <div className="briefing-meta-grid">
        <div className="field briefing-summary">
          <label htmlFor={`${id}-summary`}>Summary</label>
          <textarea id={`${id}-summary`} rows={3} value={draft.summary} disabled={!editable} onChange={(event) => onEdit({ summary: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tlp`}>Document TLP</label>
          <TlpSelect id={`${id}-tlp`} value={draft.tlp} disabled={!editable} onChange={(tlp) => onEdit({ tlp })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-valid`}>Valid until</label>
          <input
            id={`${id}-valid`}
            type="date"
            value={draft.validUntil?.slice(0, 10) ?? ''}
            disabled={!editable}
            onChange={(event) => onEdit({ validUntil: event.target.value || null })}
          />
        </div>
      </div>
      <RowList<BriefingPerson>
        legend="Authors"
        rows={draft.authors}
        editable={editable}
        blank={{ name: '', organisation: null }}
        addLabel="Add author"
        onChange={(authors) => onEdit({ authors })}
        render={(row, set, label) => (
          <>
            <input type="text" aria-label={`${label} name`} placeholder="Name" value={row.name} disabled={!editable} onChange={(e) => set({ ...row, name: e.target.value })} />
            <input
              type="text"
              aria-label={`${label} organisation`}
              placeholder="Organisation"
              value={row.organisation ?? ''}
              disabled={!editable}
              onChange={(e) => set({ ...row, organisation: e.target.value || null })}
            />
          </>
        )}
      />
      <RowList<BriefingRecipient>
        legend="Distribution"
        rows={draft.distribution}
        editable={editable}
        blank={{ kind: 'organisation', name: '' }}
        addLabel="Add recipient"
        onChange={(distribution) => onEdit({ distribution })}
        render={(row, set, label) => (
          <>
            <select
              aria-label={`${label} kind`}
              value={row.kind}
              disabled={!editable}
              onChange={(e) => set({ ...row, kind: e.target.value === 'country' ? 'country' : 'organisation' })}
            >
              <option value="organisation">Organisation</option>
              <option value="country">Country</option>
            </select>
            <input type="text" aria-label={`${label} name`} placeholder="Name" value={row.name} disabled={!editable} onChange={(e) => set({ ...row, name: e.target.value })} />
          </>
        )}
      />
      <RowList<BriefingReference>
        legend="References"
        rows={draft.references}
        editable={editable}
        blank={{ url: null, externalId: null, sourceName: null, description: null }}
        addLabel="Add reference"
        onChange={(references) => onEdit({ references })}
        render={(row, set, label) => (
          <>
            <input type="text" aria-label={`${label} URL`} placeholder="URL" value={row.url ?? ''} disabled={!editable} onChange={(e) => set({ ...row, url: e.target.value || null })} />
            <input
              type="text"
              aria-label={`${label} report id`}
              placeholder="Report id"
              value={row.externalId ?? ''}
              disabled={!editable}
              onChange={(e) => set({ ...row, externalId: e.target.value || null })}
            />
            <input
              type="text"
              aria-label={`${label} source`}
              placeholder="Source"
              value={row.sourceName ?? ''}
              disabled={!editable}
              onChange={(e) => set({ ...row, sourceName: e.target.value || null })}
            />
          </>
        )}
      />
    </section>
  );
}

interface RowListProps<T> {
  legend: string;
  rows: readonly T[];
  blank: T;
  addLabel: string;
  editable: boolean;
  onChange(rows: T[]): void;
  render(row: T, set: (row: T) => void, label: string): ReactNode;
}

/** A small repeating group of fields (authors, recipients, references) with add and remove. */
function RowList<T>({ legend, rows, blank, addLabel, editable, onChange, render }: RowListProps<T>) {
  const singular = legend.replace(/s$/, '').replace(/^Distribution$/, 'Recipient');
  return (
    <fieldset className="row-list">
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted row-list-empty">None.</p>}
      {rows.map((row, index) => {
        const label = `${singular} ${index + 1}`;
        return (
          <div className="row-list-row" key={index}>
            {render(row, (next) => onChange(rows.map((each, at) => (at === index ? next : each))), label)}
            {editable && (
              <button type="button" className="button button-small" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => onChange(rows.filter((_, at) => at !== index))}>
                Remove
              </button>
            )}
          </div>
        );
      })}
      {editable && (
        <button type="button" className="button button-small" onClick={() => onChange([...rows, blank])}>
          {addLabel}
        </button>
      )}
    </fieldset>
  );
}
