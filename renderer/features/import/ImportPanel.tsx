import { useEffect, useId, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { ImportForm } from './ImportForm';
import { ImportProgressView } from './ImportProgressView';
import { ImportResultView } from './ImportResultView';
import { selectImportError, selectImportPhase, selectIsImportBusy, useImportStore, type ImportPhase } from './import-store';

/** Import files into the vault: choose and set options, follow progress, read the outcome. */
export function ImportPanel() {
  const phase = useImportStore(selectImportPhase);
  const busy = useImportStore(selectIsImportBusy);
  const error = useImportStore(selectImportError);
  const { close, startOver } = useImportStore.getState();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // Where focus was when the panel opened (the Import… button, or the page after a drop), taken while rendering.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  // Opening the panel (from the button or a drop) moves focus to it, so keyboard and screen-reader users
  // follow; closing it gives focus back (issue #17.5: it fell to <body>), to the Import… button if the
  // panel was opened by a drop.
  useEffect(() => {
    heading.current?.focus();
    return () => {
      const back = opener && opener !== document.body && opener.isConnected ? opener : document.querySelector<HTMLElement>('[data-import-open]');
      back?.focus();
    };
  }, [opener]);

  return (
    <section className="import-panel" aria-labelledby={headingId}>
      <header className="import-panel-header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {titleOf(phase)}
        </h2>
        <button type="button" className="button" onClick={close} disabled={busy}>
          Close
        </button>
      </header>
      <PhaseBody phase={phase} />
      {phase.kind === 'running' && error && <Notice tone="error">{error}</Notice>}
      {(phase.kind === 'finished' || phase.kind === 'cancelled' || phase.kind === 'failed') && (
        <div className="import-panel-actions">
          <button type="button" className="button primary" onClick={startOver}>
            Import more files
          </button>
        </div>
      )}
    </section>
  );
}

function titleOf(phase: ImportPhase): string {
  switch (phase.kind) {
    case 'choosing':
    case 'starting':
      return 'Import indicators';
    case 'running':
      return 'Importing…';
    case 'finished':
      return 'Import result';
    case 'cancelled':
      return 'Import cancelled';
    case 'failed':
      return 'Import failed';
  }
}

function PhaseBody({ phase }: { phase: ImportPhase }) {
  const cancel = useImportStore((state) => state.cancel);
  switch (phase.kind) {
    case 'choosing':
    case 'starting':
      return <ImportForm />;
    case 'running':
      return <ImportProgressView progress={phase.progress} cancelling={phase.cancelling} onCancel={() => void cancel()} />;
    case 'finished':
      return <ImportResultView summary={phase.summary} strict={phase.strict} />;
    case 'cancelled':
      return (
        <Notice tone="info">
          Import cancelled — the vault is unchanged for the file being imported. Files that had finished before you
          cancelled stay imported.
        </Notice>
      );
    case 'failed':
      return <Notice tone="error">The import failed: {phase.message}</Notice>;
  }
}
