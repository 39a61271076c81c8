import { useEffect, useRef, useState } from 'react';
import type { BundleExportOutcome } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

/**
 * The core wrote the bundle into the session's export folder under a name it chose; the analyst gets it the
 * way a briefing export is handed out: a save dialog in the desktop app, a download in the browser. Shared by
 * the Bundles screen and a briefing's "Share as bundle", so both hand the file out the same way.
 */
export function BundleExportDone({ outcome }: { outcome: BundleExportOutcome }) {
  const client = requireClient();
  const save = useRef<HTMLButtonElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Ready to save with Enter, as the next step after exporting.
  useEffect(() => save.current?.focus(), [outcome]);
  const offer = async () => {
    try {
      const { saved: done } = await client.files.saveExport(outcome.file);
      setSaved(done ? `${outcome.file} saved.` : null);
    } catch (failure) {
      setSaved(toApiFailure(failure).message);
    }
  };
  return (
    <>
      <Notice tone="success">
        Exported {outcome.file}: {outcome.kind}, {outcome.indicators} indicators
        {outcome.withheld ? `, ${outcome.withheld} withheld above the ceiling` : ''}.
      </Notice>
      <p className="button-row">
        <button ref={save} type="button" className="button primary" onClick={() => void offer()}>
          {client.files.canPick ? 'Save as…' : 'Download'} {outcome.file}
        </button>{' '}
        {saved && <span className="muted">{saved}</span>}
      </p>
    </>
  );
}
