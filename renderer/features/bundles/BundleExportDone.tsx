import type { BundleExportOutcome } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { SaveExportButton } from '../../lib/SaveExportButton';

/**
 * The core wrote the bundle into the session's export folder under a name it chose; the analyst gets it the
 * way a briefing export is handed out: a save dialog in the desktop app, a download in the browser. Shared by
 * the Bundles screen and a briefing's "Share as bundle", so both hand the file out the same way.
 */
export function BundleExportDone({ outcome }: { outcome: BundleExportOutcome }) {
  return (
    <>
      <Notice tone="success">
        Exported {outcome.file}: {outcome.kind}, {outcome.indicators} indicators
        {outcome.withheld ? `, ${outcome.withheld} withheld above the ceiling` : ''}.
      </Notice>
      <SaveExportButton fileName={outcome.file} className="button-row" />
    </>
  );
}
