import { useId, useState, type FormEvent } from 'react';
import type { BriefingExportFormat, BriefingExportOutcome, TlpLevel } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { TlpSelect } from '../../components/TlpSelect';
import { requireClient } from '../../lib/client';
import { useDialogAction } from '../../lib/use-dialog-action';
import { SaveExportButton } from '../../lib/SaveExportButton';
import { formatBytes, formatCount } from '../../lib/format';
import { tlpLabel, tlpRank } from '../../lib/tlp';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMAT_OPTIONS } from './briefing-words';
import { selectDetail, useBriefingsStore } from './briefings-store';

/** Formats whose output carries indicator values as text a reader could click or paste. */
const DEFANGABLE: ReadonlySet<BriefingExportFormat> = new Set(['pdf', 'html', 'csv']);

/**
 * Export the latest saved version at a TLP ceiling. The core enforces the ceiling (sections and indicators
 * above it are left out, a document marked above it is refused); the dialog says what was withheld and why.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const draftUnsaved = useBriefingsStore((state) => state.saveState !== 'saved' || (state.detail?.hasUnsavedDraft ?? false));
  const [format, setFormat] = useState<BriefingExportFormat>('pdf');
  const [ceiling, setCeiling] = useState<TlpLevel>(() => detail?.marking ?? 'clear');
  const [defang, setDefang] = useState(true);
  const { busy, error, outcome, run } = useDialogAction<BriefingExportOutcome>();
  const id = useId();
  if (!detail) return null;
  const refused = tlpRank(detail.tlp) > tlpRank(ceiling);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => requireClient().briefings.export({ id: detail.id, format, tlpMax: ceiling, defang: DEFANGABLE.has(format) ? defang : true }));
  };

  return (
    <ModalDialog title="Export briefing" onClose={onClose} className="dialog-wide export-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <p className="muted">
          Exports version {detail.version}
          {draftUnsaved ? ' — the draft has changes not yet saved as a version (Ctrl/⌘ + S saves one).' : '.'}
        </p>
        <fieldset className="export-formats">
          <legend>Format</legend>
          {EXPORT_FORMAT_OPTIONS.map((each) => (
            <label key={each} className="export-format">
              <input type="radio" name={`${id}-format`} value={each} checked={format === each} onChange={() => setFormat(each)} data-autofocus={each === format ? true : undefined} />
              {EXPORT_FORMAT_LABELS[each]}
            </label>
          ))}
        </fieldset>
        <div className="export-options">
          <div className="field">
            <label htmlFor={`${id}-ceiling`}>TLP ceiling</label>
            <TlpSelect id={`${id}-ceiling`} value={ceiling} onChange={setCeiling} />
          </div>
          <label className="checkbox-field">
            <input type="checkbox" checked={DEFANGABLE.has(format) ? defang : true} disabled={!DEFANGABLE.has(format)} onChange={(event) => setDefang(event.target.checked)} />
            Defang indicators (hxxp, [.])
          </label>
        </div>
        {refused ? (
          <Notice tone="error">
            The document is marked {tlpLabel(detail.tlp)}, above the ceiling {tlpLabel(ceiling)}: it cannot be exported at this ceiling.
          </Notice>
        ) : (
          tlpRank(detail.marking) > tlpRank(ceiling) && (
            <p className="muted">Sections and indicators marked above {tlpLabel(ceiling)} will be left out.</p>
          )
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {outcome && <ExportResult outcome={outcome} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={busy || refused || detail.version === 0}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/**
 * Withheld items listed in the dialog. An export of a 50,000-indicator briefing at a low ceiling can
 * withhold all of them, and 50,000 table rows froze the window; the export log keeps the full list.
 */
export const WITHHELD_SHOWN = 200;

export function ExportResult({ outcome }: { outcome: BriefingExportOutcome }) {
  const shown = outcome.withheld.slice(0, WITHHELD_SHOWN);
  const more = outcome.withheld.length - shown.length;
  return (
    <section className="export-result" aria-label="Export result">
      <Notice tone="success">
        Exported {outcome.format.toUpperCase()} <code>{outcome.fileName}</code> ({formatBytes(outcome.bytes)}), marked <TlpBadge level={outcome.marking} />
        {outcome.defanged ? ', indicators defanged' : ''}.
      </Notice>
      {outcome.notes.length > 0 && (
        <ul className="export-notes" aria-label="Export notes">
          {outcome.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <SaveExportButton fileName={outcome.fileName} />
      {outcome.withheld.length === 0 ? (
        <p className="muted">Nothing was withheld.</p>
      ) : (
        <>
          <h3>
            Withheld at {tlpLabel(outcome.tlpMax)}: {formatCount(outcome.withheld.length)}
          </h3>
          <table className="data-table" aria-label="Withheld">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">TLP</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={`${item.kind}-${item.id}`}>
                  <td>
                    <span className="muted">{item.kind}</span> {item.label}
                  </td>
                  <td>
                    <TlpBadge level={item.tlp} />
                  </td>
                  <td>{item.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="muted">… and {formatCount(more)} more, all listed in the vault's export log.</p>}
        </>
      )}
    </section>
  );
}
