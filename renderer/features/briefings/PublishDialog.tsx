import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SyncProfile, SyncPublishResult } from '../../../preload/contract';
import { ModalDialog } from '../../components/ModalDialog';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { tlpLabel, tlpRank } from '../../lib/tlp';
import { useNavigationStore } from '../../app/navigation-store';
import { selectDetail, useBriefingsStore } from './briefings-store';

type Profiles = { kind: 'loading' } | { kind: 'loaded'; list: SyncProfile[] } | { kind: 'failed'; message: string };

/**
 * Publishes an approved briefing over sync (issue 13): the core marks it published and queues its STIX
 * objects for each chosen profile in one transaction, each cut at that profile's own TLP ceiling. The
 * objects leave on the next sync run.
 */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const [profiles, setProfiles] = useState<Profiles>({ kind: 'loading' });
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SyncPublishResult | null>(null);
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

  if (!detail) return null;
  const toggle = (name: string) => setChosen((list) => (list.includes(name) ? list.filter((each) => each !== name) : [...list, name]));
  const openSync = () => {
    onClose();
    useNavigationStore.getState().go('sync');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || result) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await requireClient().sync.publish({ briefingId: detail.id, profiles: chosen }));
      // Published is final: the editor turns read-only from the stored state, not from a guess here.
      await useBriefingsStore.getState().refresh();
    } catch (failure) {
      setError(toApiFailure(failure).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Publish briefing" onClose={onClose} className="dialog-wide">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">
          Publishes version {detail.version} and queues it for the servers chosen; it is sent on the next sync. Published is final.
        </p>
        {profiles.kind === 'loading' && <p className="muted">Loading sync profiles…</p>}
        {profiles.kind === 'failed' && <Notice tone="error">The sync profiles could not be listed: {profiles.message}</Notice>}
        {profiles.kind === 'loaded' && profiles.list.length === 0 && (
          <Notice tone="info">
            No sync profile yet: add a TAXII server on the Sync screen, then publish from here.{' '}
            <button type="button" className="link-button" onClick={openSync}>
              Open the Sync screen
            </button>
          </Notice>
        )}
        {profiles.kind === 'loaded' && profiles.list.length > 0 && (
          <fieldset disabled={busy || result !== null}>
            <legend>Publish to</legend>
            {profiles.list.map((profile) => (
              <label key={profile.name} className="checkbox">
                <input type="checkbox" name={`${id}-profile`} checked={chosen.includes(profile.name)} onChange={() => toggle(profile.name)} /> {profile.name}{' '}
                <span className="muted">
                  (collection {profile.pushCollection}, ceiling <TlpBadge level={profile.tlpMax} />)
                </span>
                {tlpRank(detail.tlp) > tlpRank(profile.tlpMax) && (
                  <span className="field-warning">
                    {' '}
                    The briefing is {tlpLabel(detail.tlp)}, above this ceiling: nothing will be queued for it.
                  </span>
                )}
              </label>
            ))}
          </fieldset>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {result && <PublishResult result={result} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {!result && profiles.kind === 'loaded' && profiles.list.length > 0 && (
            <button type="submit" className="button primary" disabled={busy || chosen.length === 0}>
              {busy ? 'Publishing…' : 'Publish'}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}

function PublishResult({ result }: { result: SyncPublishResult }) {
  return (
    <section aria-label="Publish result">
      <Notice tone="success">Version {result.version} published.</Notice>
      <table className="data-table" aria-label="Queued per profile">
        <thead>
          <tr>
            <th scope="col">Profile</th>
            <th scope="col">Queued</th>
            <th scope="col">Withheld above the ceiling</th>
          </tr>
        </thead>
        <tbody>
          {result.profiles.map((each) => (
            <tr key={each.profile}>
              <th scope="row">{each.profile}</th>
              <td>{each.refused ? `nothing: ${each.refused}` : formatCount(each.queued)}</td>
              <td>{formatCount(each.withheld)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
