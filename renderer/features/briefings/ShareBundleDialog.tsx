import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BundleExportOutcome, TlpLevel, TrustedIdentity } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpSelect } from '../../components/TlpSelect';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { useDialogAction } from '../../lib/use-dialog-action';
import { BundleExportDone } from '../bundles/BundleExportDone';
import { RecipientPicker } from '../bundles/RecipientPicker';
import { redNeedsRecipients } from '../bundles/red-rule';
import { selectDetail, useBriefingsStore } from './briefings-store';

/**
 * This briefing's latest saved version as a signed bundle (issue 12), encrypted to the trusted partners
 * chosen. The core cuts it at the ceiling and refuses TLP:RED without recipients; the file is handed out
 * exactly as on the Bundles screen.
 */
export function ShareBundleDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const [tlpMax, setTlpMax] = useState<TlpLevel>(() => detail?.marking ?? 'amber');
  const [trusted, setTrusted] = useState<TrustedIdentity[]>([]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [trustError, setTrustError] = useState<string | null>(null);
  const { busy, error, outcome, run } = useDialogAction<BundleExportOutcome>();
  const ceilingId = useId();

  useEffect(() => {
    let live = true;
    requireClient()
      .bundles.trustList({})
      .then((list) => live && setTrusted(list))
      .catch((failure: unknown) => live && setTrustError(toApiFailure(failure).message));
    return () => {
      live = false;
    };
  }, []);

  if (!detail) return null;
  const blocked = redNeedsRecipients(tlpMax, recipients, false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    await run(() => requireClient().bundles.export({ briefingIds: [detail.id], tlpMax, recipients, plain: false }));
  };

  return (
    <ModalDialog title="Share as bundle" onClose={onClose} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">Shares version {detail.version}, signed with this vault&apos;s identity.</p>
        <div className="field">
          <label htmlFor={ceilingId}>TLP ceiling (nothing above it is shared)</label>
          <TlpSelect id={ceilingId} value={tlpMax} onChange={setTlpMax} />
        </div>
        {trustError ? (
          <Notice tone="error">The trusted partners could not be listed: {trustError}</Notice>
        ) : (
          <RecipientPicker trusted={trusted} chosen={recipients} onChange={setRecipients} />
        )}
        {blocked && (
          <p className="field-warning" role="status">
            TLP:RED leaves only encrypted to named recipients.
          </p>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {outcome && <BundleExportDone key={outcome.file} outcome={outcome} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={busy || blocked || detail.version === 0}>
            {busy ? 'Sharing…' : 'Share'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
