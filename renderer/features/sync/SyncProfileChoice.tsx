import { useEffect, useId, useState, type ReactNode } from 'react';
import type { SyncProfile } from '../../../preload/contract';
import { useNavigationStore } from '../../app/navigation-store';
import { Notice } from '../../components/Notice';
import { TlpBadge } from '../../components/TlpBadge';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';

type Profiles = { kind: 'loading' } | { kind: 'loaded'; list: SyncProfile[] } | { kind: 'failed'; message: string };

export interface SyncProfileChoice {
  profiles: Profiles;
  chosen: string[];
  toggle(name: string): void;
  /** True once at least one profile exists to choose from. */
  ready: boolean;
}

/** Lists the sync profiles once and starts with every one chosen: sharing goes everywhere unless the analyst narrows it. */
export function useSyncProfileChoice(): SyncProfileChoice {
  const [profiles, setProfiles] = useState<Profiles>({ kind: 'loading' });
  const [chosen, setChosen] = useState<string[]>([]);

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
  return { profiles, chosen, toggle, ready: profiles.kind === 'loaded' && profiles.list.length > 0 };
}

interface ChoiceProps {
  choice: SyncProfileChoice;
  legend: string;
  /** What "then … from here" says when no profile exists yet (publish, share). */
  verb: string;
  disabled: boolean;
  /** A warning shown beside a profile whose ceiling is below what is being sent, if any. */
  warning(profile: SyncProfile): ReactNode;
  /** Leaves the dialog for the Sync screen, where profiles are added. */
  onOpenSync(): void;
}

/** The profiles to send to, each with its collection and TLP ceiling; or why there is nothing to choose. */
export function SyncProfileChoices({ choice, legend, verb, disabled, warning, onOpenSync }: ChoiceProps) {
  const id = useId();
  const { profiles } = choice;
  const openSync = () => {
    onOpenSync();
    useNavigationStore.getState().go('sync');
  };
  if (profiles.kind === 'loading') return <p className="muted">Loading sync profiles…</p>;
  if (profiles.kind === 'failed') return <Notice tone="error">The sync profiles could not be listed: {profiles.message}</Notice>;
  if (profiles.list.length === 0) {
    return (
      <Notice tone="info">
        No sync profile yet: add a TAXII server on the Sync screen, then {verb} from here.{' '}
        <button type="button" className="link-button" onClick={openSync}>
          Open the Sync screen
        </button>
      </Notice>
    );
  }
  return (
    <fieldset disabled={disabled}>
      <legend>{legend}</legend>
      {profiles.list.map((profile) => (
        <label key={profile.name} className="checkbox">
          <input type="checkbox" name={`${id}-profile`} checked={choice.chosen.includes(profile.name)} onChange={() => choice.toggle(profile.name)} /> {profile.name}{' '}
          <span className="muted">
            (collection {profile.pushCollection}, ceiling <TlpBadge level={profile.tlpMax} />)
          </span>
          {warning(profile)}
        </label>
      ))}
    </fieldset>
  );
}

export interface QueuedForProfile {
  profile: string;
  /** What the Queued cell says: a count, or why nothing was queued. */
  queued: number | string;
  withheld: number;
}

/** After sending to the outbox: what each profile got and what its ceiling held back. */
export function QueuedPerProfile({ rows }: { rows: readonly QueuedForProfile[] }) {
  return (
    <table className="data-table" aria-label="Queued per profile">
      <thead>
        <tr>
          <th scope="col">Profile</th>
          <th scope="col">Queued</th>
          <th scope="col">Withheld above the ceiling</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((each) => (
          <tr key={each.profile}>
            <th scope="row">{each.profile}</th>
            <td>{typeof each.queued === 'number' ? formatCount(each.queued) : each.queued}</td>
            <td>{formatCount(each.withheld)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
