import { useId, useState, type ChangeEvent } from 'react';
import type { BundleVerification } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { useBundlesStore } from './bundles-store';
import { VerifyReport } from './VerifyReport';

/** Choose or drop a bundle file: verify first, import only on the analyst's say-so. */
export function ReceivePanel({ canPick }: { canPick: boolean }) {
  const { receive, verifyFiles } = useBundlesStore();
  const inputId = useId();
  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    void verifyFiles([...(event.target.files ?? [])]);
    event.target.value = '';
  };
  const report = receive.kind === 'verified' || receive.kind === 'importing' || receive.kind === 'imported' ? receive.report : null;

  return (
    <section className="settings-card" aria-labelledby="receive-title">
      <h2 id="receive-title">Receive a bundle</h2>
      <div className="button-row">
        {canPick ? (
          <button type="button" className="button" onClick={() => void verifyFiles(null)}>
            Choose a bundle file…
          </button>
        ) : (
          <>
            <label htmlFor={inputId} className="button file-input-label">
              Choose a bundle file
            </label>
            <input id={inputId} type="file" className="visually-hidden" onChange={onChoose} data-testid="bundle-file-input" />
          </>
        )}
        <span className="muted">or drop it on this page. It is verified before anything is written.</span>
      </div>
      {receive.kind === 'verifying' && <p role="status">Verifying…</p>}
      {receive.kind === 'failed' && <Notice tone="error">{receive.message}</Notice>}
      {report && <VerifyReport report={report} />}
      {/* Keyed by the ticket: a confirmation given for one bundle never carries over to the next one. */}
      {receive.kind === 'verified' && receive.ticket && <ImportActions key={receive.ticket} report={receive.report} />}
      {receive.kind === 'importing' && <p role="status">Importing…</p>}
      {receive.kind === 'imported' && (
        <Notice tone="success">
          Imported: {receive.outcome.indicatorsNew} new indicators, {receive.outcome.indicatorsMerged} merged (sighting added). The chain of custody now has {receive.outcome.custody.length} entries.
        </Notice>
      )}
    </section>
  );
}

/** Import (after the analyst accepts an unknown signer, if it is one) or cancel, for one verified bundle. */
function ImportActions({ report }: { report: BundleVerification }) {
  const { importVerified, resetReceive } = useBundlesStore();
  const [acceptUnknown, setAcceptUnknown] = useState(false);
  const unknownSigner = report.ok && report.signer?.trusted === false;
  return (
    <div className="button-row">
      {unknownSigner && (
        <label className="checkbox">
          <input type="checkbox" checked={acceptUnknown} onChange={(e) => setAcceptUnknown(e.target.checked)} /> Import although the signer is not trusted (recorded)
        </label>
      )}
      <button type="button" className="button button-primary" disabled={unknownSigner && !acceptUnknown} onClick={() => void importVerified(unknownSigner && acceptUnknown)}>
        Import {report.objects?.total ?? 0} objects
      </button>
      <button type="button" className="button" onClick={resetReceive}>
        Cancel
      </button>
    </div>
  );
}
