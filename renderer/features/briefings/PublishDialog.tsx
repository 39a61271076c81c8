import type { FormEvent } from 'react';
import type { SyncPublishResult } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { requireClient } from '../../lib/client';
import { useDialogAction } from '../../lib/use-dialog-action';
import { tlpLabel, tlpRank } from '../../lib/tlp';
import { QueuedPerProfile, SyncProfileChoices, useSyncProfileChoice } from '../sync/SyncProfileChoice';
import { selectDetail, useBriefingsStore } from './briefings-store';

/**
 * Publishes an approved briefing over sync (issue 13): the core marks it published and queues its STIX
 * objects for each chosen profile in one transaction, each cut at that profile's own TLP ceiling. The
 * objects leave on the next sync run.
 */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const choice = useSyncProfileChoice();
  const { busy, error, outcome: result, run } = useDialogAction<SyncPublishResult>();

  if (!detail) return null;
  const { chosen } = choice;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || result) return;
    // Published is final: the editor turns read-only from the stored state, not from a guess here.
    if (await run(() => requireClient().sync.publish({ briefingId: detail.id, profiles: chosen }))) await useBriefingsStore.getState().refresh();
  };

  return (
    <ModalDialog title="Publish briefing" onClose={onClose} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          Publishes version {detail.version} and queues it for the servers chosen; it is sent on the next sync. Published is final.
        </p>
        <SyncProfileChoices
          choice={choice}
          legend="Publish to"
          verb="publish"
          disabled={busy || result !== null}
          onOpenSync={onClose}
          warning={(profile) =>
            tlpRank(detail.tlp) > tlpRank(profile.tlpMax) && (
              <span className="field-warning"> The briefing is {tlpLabel(detail.tlp)}, above this ceiling: nothing will be queued for it.</span>
            )
          }
        />
        {error && <Notice tone="error">{error}</Notice>}
        {result && (
          <section aria-label="Publish result">
            <Notice tone="success">Version {result.version} published.</Notice>
            <QueuedPerProfile rows={result.profiles.map((each) => ({ profile: each.profile, queued: each.refused ? `nothing: ${each.refused}` : each.queued, withheld: each.withheld }))} />
          </section>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {!result && choice.ready && (
            <button type="submit" className="button primary" disabled={busy || chosen.length === 0}>
              {busy ? 'Publishing…' : 'Publish'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
