import { useId, useState, type FormEvent } from 'react';
import type { QueueExportFormat, QueueExportOutcome, TlpLevel } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpSelect } from '../../components/TlpSelect';
import { requireClient } from '../../lib/client';
import { useDialogAction } from '../../lib/use-dialog-action';
import { SaveExportButton } from '../../lib/SaveExportButton';
import { formatBytes, formatCount } from '../../lib/format';
import { tlpLabel } from '../../lib/tlp';
import { useOverlayStore } from './overlay-store';
import { selectQueueFilter, selectQueueTotal, useQueueStore } from './queue-store';

const FORMATS: readonly { format: QueueExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV (spreadsheet)' },
  { format: 'stix', label: 'STIX 2.1 bundle' },
  { format: 'txt', label: 'Plain list, one value a line' },
];

/**
 * Exports the filtered queue (issue #17.8). The core applies the TLP ceiling, writes the file into the
 * export folder and names it; the dialog then hands that file to the analyst (save dialog or download).
 */
export function QueueExportDialog() {
  const close = useOverlayStore((state) => state.close);
  const filter = useQueueStore(selectQueueFilter);
  const total = useQueueStore(selectQueueTotal);
  const [format, setFormat] = useState<QueueExportFormat>('csv');
  // Green by default: the ceiling most sharing allows; the analyst raises it knowingly.
  const [ceiling, setCeiling] = useState<TlpLevel>('green');
  const [defang, setDefang] = useState(true);
  const { busy, error, outcome, run } = useDialogAction<QueueExportOutcome>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => requireClient().queue.export({ filter, format, tlpMax: ceiling, defang: format === 'stix' ? false : defang }));
  };

  return (
    <ModalDialog title="Export filtered queue" onClose={close} className="export-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <p className="muted">{total === null ? 'Exports every indicator the current filters select.' : `Exports the ${formatCount(total)} indicators the current filters select.`}</p>
        <fieldset className="export-formats">
          <legend>Format</legend>
          {FORMATS.map((each) => (
            <label key={each.format} className="export-format">
              <input
                type="radio"
                name={`${id}-format`}
                value={each.format}
                checked={format === each.format}
                onChange={() => setFormat(each.format)}
                data-autofocus={each.format === format ? true : undefined}
              />
              {each.label}
            </label>
          ))}
        </fieldset>
        <div className="export-options">
          <div className="field">
            <label htmlFor={`${id}-ceiling`}>TLP ceiling</label>
            <TlpSelect id={`${id}-ceiling`} value={ceiling} onChange={setCeiling} />
          </div>
          <label className="checkbox-field">
            <input type="checkbox" checked={format === 'stix' ? false : defang} disabled={format === 'stix'} onChange={(event) => setDefang(event.target.checked)} />
            Defang values (hxxp, [.])
          </label>
        </div>
        <p className="muted">Indicators marked above {tlpLabel(ceiling)} are left out and counted.</p>
        {error && <Notice tone="error">{error}</Notice>}
        {outcome && <ExportSaved outcome={outcome} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function ExportSaved({ outcome }: { outcome: QueueExportOutcome }) {
  const withheld = outcome.withheld > 0 ? ` ${formatCount(outcome.withheld)} above ${tlpLabel(outcome.tlpMax)} withheld.` : ' Nothing was withheld.';
  return (
    <section className="export-result" aria-label="Export result">
      <Notice tone="success">
        Exported {formatCount(outcome.count)} indicators to <code>{outcome.fileName}</code> ({formatBytes(outcome.bytes)}
        {outcome.marking ? `, marked ${tlpLabel(outcome.marking)}` : ''}).{withheld}
      </Notice>
      <SaveExportButton fileName={outcome.fileName} />
    </section>
  );
}
