import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SyncProfile, SyncShareResult, TlpLevel } from '../../../preload/contract';
import { useNavigationStore } from '../../app/navigation-store';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { tlpRank } from '../../lib/tlp';
import { useOverlayStore } from '../queue/overlay-store';
import { selectFocusedRow, selectSelection, useQueueStore } from '../queue/queue-store';

type Profiles = { kind: 'loading' } | { kind: 'loaded'; list: SyncProfile[] } | { kind: 'failed'; message: string };

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
  const [profiles, setProfiles] = useState<Profiles>({ kind: 'loading' });
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SyncShareResult | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    requireClient()
      .sync.profiles({})
      .then((list) => {
        if (!live) return;
        setProfiles({ kind: 'loaded', list });
        setChosen(list.map((profile) => profile.name));
      })
      .catch((failure: unknown) => live && setProfiles({ kind: 'failed', message: toApiFailure(failure).message }));
    return () => {
      live = false;
    };
  }, []);

  const toggle = (name: string) => setChosen((list) => (list.includes(name) ? list.filter((each) => each !== name) : [...list, name]));
  const openSync = () => {
    close();
    useNavigationStore.getState().go('sync');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || ids.length === 0 || result) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await requireClient().sync.share({ indicatorIds: ids, profiles: chosen }));
    } catch (failure) {
      setError(toApiFailure(failure).message);
    } finally {
      setBusy(false);
    }
  };

  const label = ids.length === 1 ? '1 indicator' : `${formatCount(ids.length)} indicators`;
  const loaded = profiles.kind === 'loaded' && profiles.list.length > 0;
  return (
    <ModalDialog title={`Share ${label} to hub`} onClose={close} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">Queues their STIX indicators for the servers chosen; they are sent on the next sync. Nothing above a server's TLP ceiling is queued for it.</p>
        {profiles.kind === 'loading' && <p className="muted">Loading sync profiles…</p>}
        {profiles.kind === 'failed' && <Notice tone="error">The sync profiles could not be listed: {profiles.message}</Notice>}
        {profiles.kind === 'loaded' && profiles.list.length === 0 && (
          <Notice tone="info">
            No sync profile yet: add a TAXII server on the Sync screen, then share from here.{' '}
            <button type="button" className="link-button" onClick={openSync}>
              Open the Sync screen
            </button>
          </Notice>
        )}
        {loaded && (
          <fieldset disabled={busy || result !== null}>
            <legend>Share with</legend>
            {profiles.list.map((profile) => {
              const above = levels.filter((level) => tlpRank(level) > tlpRank(profile.tlpMax)).length;
              return (
                <label key={profile.name} className="checkbox">
                  <input type="checkbox" name={`${id}-profile`} checked={chosen.includes(profile.name)} onChange={() => toggle(profile.name)} /> {profile.name}{' '}
                  <span className="muted">
                    (collection {profile.pushCollection}, ceiling <TlpBadge level={profile.tlpMax} />)
                  </span>
                  {above > 0 && <span className="field-warning"> {above === 1 ? '1 indicator is' : `${formatCount(above)} indicators are`} above this ceiling and will be withheld.</span>}
                </label>
              );
            })}
          </fieldset>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {result && <ShareOutcome result={result} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          {!result && loaded && (
            <button type="submit" className="button primary" disabled={busy || chosen.length === 0 || ids.length === 0}>
              {busy ? 'Sharing…' : 'Share'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}

function ShareOutcome({ result }: { result: SyncShareResult }) {
  return (
    <section aria-label="Share result">
      <Notice tone="success">
        Queued {formatCount(result.queued)} for sending{result.unchanged > 0 ? `; ${formatCount(result.unchanged)} unchanged since last shared` : ''}.
      </Notice>
      <table className="data-table" aria-label="Queued per profile">
        <thead>
          <tr>
            <th scope="col">Profile</th>
            <th scope="col">Queued</th>
            <th scope="col">Withheld above the ceiling</th>
          </tr>
        </thead>
        <tbody>
          {result.perProfile.map((each) => (
            <tr key={each.profile}>
              <th scope="row">{each.profile}</th>
              <td>{formatCount(each.queued)}</td>
              <td>{formatCount(each.withheld)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
