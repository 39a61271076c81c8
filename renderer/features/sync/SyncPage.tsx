import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Notice } from '../../components/Notice';
import { formatCount, formatTimestamp } from '../../lib/format';
import { ConflictList } from './ConflictList';
import { ProfileForm } from './ProfileForm';
import { useSyncStore, type SyncRun } from './sync-store';
import { useOnline } from './use-online';

export function SyncPage() {
  const { profiles, status, conflicts, loadError, run, load, syncNow, cancel, removeProfile } = useSyncStore();
  const online = useOnline();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="settings">
      <h1 className="page-title">Sync</h1>
      <p className="muted" aria-live="polite">
        {online ? 'Online.' : 'Offline: what you share waits in the outbox and goes at the next sync.'}
      </p>
      {loadError && <Notice tone="error">{loadError}</Notice>}
      {profiles.length === 0 ? (
        <EmptyState title="No TAXII servers yet">
          <p>Add the TAXII 2.1 server you share with: what you publish goes there, and what partners shared comes back.</p>
        </EmptyState>
      ) : (
        <section aria-labelledby="sync-status-title" className="settings-card">
          <h2 id="sync-status-title">Servers</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Server</th>
                  <th scope="col">Last success</th>
                  <th scope="col" className="numeric">Queued</th>
                  <th scope="col" className="numeric">Sent</th>
                  <th scope="col" className="numeric">Failures</th>
                  <th scope="col" className="numeric">Conflicts</th>
                  <th scope="col" className="numeric">
                    Withheld <span className="muted">(above the TLP ceiling)</span>
                  </th>
                  <th scope="col">Last problem</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {profiles.map((profile) => {
                  const s = status.find((x) => x.profile === profile.name);
                  return (
                    <tr key={profile.id}>
                      <th scope="row">
                        {profile.name} <span className="muted">TLP ≤ {profile.tlpMax.toUpperCase()}</span>
                      </th>
                      <td>{s?.lastSuccessAt ? formatTimestamp(s.lastSuccessAt) : 'never'}</td>
                      <td className="numeric">{formatCount((s?.queued ?? 0) + (s?.pending ?? 0))}</td>
                      <td className="numeric">{formatCount(s?.accepted ?? 0)}</td>
                      <td className="numeric">{formatCount(s?.failed ?? 0)}</td>
                      <td className="numeric">{formatCount(s?.conflicts ?? 0)}</td>
                      <td className="numeric">{formatCount(s?.withheld ?? 0)}</td>
                      <td>{s?.lastError ?? ''}</td>
                      <td>
                        <button type="button" className="button" onClick={() => void removeProfile(profile.name)} aria-label={`Remove ${profile.name}`}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="inline-field">
            <button type="button" className="button primary" disabled={run.kind === 'running'} onClick={() => void syncNow()}>
              Sync now
            </button>
            {run.kind === 'running' && (
              <button type="button" className="button" onClick={() => void cancel()}>
                Cancel
              </button>
            )}
          </div>
          <RunState run={run} />
        </section>
      )}
      <ConflictList conflicts={conflicts} />
      <ProfileForm />
    </div>
  );
}

function RunState({ run }: { run: SyncRun }) {
  if (run.kind === 'running') {
    const p = run.progress;
    return (
      <p role="status" className="muted">
        {p ? `Syncing ${p.profile}: ${p.phase === 'pull' ? 'receiving' : p.phase === 'push' ? 'sending' : 'connecting'} — ${formatCount(p.pulled)} received, ${formatCount(p.pushed)} sent` : 'Starting…'}
      </p>
    );
  }
  if (run.kind === 'failed') return <Notice tone="error">{run.message}</Notice>;
  if (run.kind === 'finished') {
    const problems = run.reports.filter((r) => !r.ok);
    const received = run.reports.reduce((n, r) => n + r.pulled.reduce((m, p) => m + p.received, 0), 0);
    const sent = run.reports.reduce((n, r) => n + r.pushed.accepted, 0);
    const conflicts = run.reports.reduce((n, r) => n + r.pulled.reduce((m, p) => m + p.conflicts, 0), 0);
    return (
      <>
        <Notice tone={problems.length ? 'info' : 'success'}>
          Sync finished: {formatCount(received)} received, {formatCount(sent)} sent{conflicts ? `, ${formatCount(conflicts)} conflict(s) to resolve` : ''}.
        </Notice>
        {problems.map((p) => (
          <Notice key={p.profile} tone="error">
            {p.profile}: {p.error ?? 'did not complete'}
          </Notice>
        ))}
      </>
    );
  }
  return null;
}
