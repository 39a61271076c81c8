import { useState, type FormEvent } from 'react';
import type { SyncShareResult, TlpLevel } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { requireClient } from '../../lib/client';
import { useDialogAction } from '../../lib/use-dialog-action';
import { formatCount } from '../../lib/format';
import { tlpRank } from '../../lib/tlp';
import { useOverlayStore } from '../queue/overlay-store';
import { selectFocusedRow, selectSelection, useQueueStore } from '../queue/queue-store';
import { QueuedPerProfile, SyncProfileChoices, useSyncProfileChoice } from './SyncProfileChoice';

/**
 * From the Queue (issue 13): marks the selection, else the focused indicator, for sharing. The core puts
 * each indicator's STIX version into the chosen profiles' outboxes in one transaction, withholding what
 * is above a profile's TLP ceiling; the versions leave on the next sync run.
 */
export function ShareToHubDialog() {
  const close = useOverlayStore((state) => state.close);
  const selection = useQueueStore(selectSelection);
  const focused = useQueueStore(selectFocusedRow);
  const [ids] = useState(() => (selection.size > 0 ? [...selection] : focused ? [focused.id] : []));
  // A single focused row's TLP is known here: warn before sharing. For a selection the core counts, per profile, what it withheld.
  const [levels] = useState<TlpLevel[]>(() => (selection.size === 0 && focused ? [focused.tlp] : []));
  const choice = useSyncProfileChoice();
  const { chosen } = choice;
  const { busy, error, outcome: result, run } = useDialogAction<SyncShareResult>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || ids.length === 0 || result) return;
    await run(() => requireClient().sync.share({ indicatorIds: ids, profiles: chosen }));
  };

  const label = ids.length === 1 ? '1 indicator' : `${formatCount(ids.length)} indicators`;
  return (
    <ModalDialog title={`Share ${label} to hub`} onClose={close} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">Queues their STIX indicators for the servers chosen; they are sent on the next sync. Nothing above a server's TLP ceiling is queued for it.</p>
        <SyncProfileChoices
          choice={choice}
          legend="Share with"
          verb="share"
          disabled={busy || result !== null}
          onOpenSync={close}
          warning={(profile) => {
            const above = levels.filter((level) => tlpRank(level) > tlpRank(profile.tlpMax)).length;
            return above > 0 && <span className="field-warning"> {above === 1 ? '1 indicator is' : `${formatCount(above)} indicators are`} above this ceiling and will be withheld.</span>;
          }}
        />
        {error && <Notice tone="error">{error}</Notice>}
        {result && (
          <section aria-label="Share result">
            <Notice tone="success">
              Queued {formatCount(result.queued)} for sending{result.unchanged > 0 ? `; ${formatCount(result.unchanged)} unchanged since last shared` : ''}.
            </Notice>
            <QueuedPerProfile rows={result.perProfile} />
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          {!result && choice.ready && (
            <button type="submit" className="button primary" disabled={busy || chosen.length === 0 || ids.length === 0}>
              {busy ? 'Sharing…' : 'Share'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
