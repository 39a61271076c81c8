import { useId, useState, type ChangeEvent } from 'react';
import type { BundleIdentity, TrustedIdentity } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { useBundlesStore } from './bundles-store';

/** The trust store: partners' identities, added only after the analyst confirms the fingerprint. */
export function TrustPanel({ trusted, canPick }: { trusted: TrustedIdentity[]; canPick: boolean }) {
  const { trustAdd, previewTrust, removeTrust } = useBundlesStore();
  const inputId = useId();
  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    void previewTrust([...(event.target.files ?? [])]);
    event.target.value = '';
  };

  return (
    <section className="settings-card" aria-labelledby="trust-title">
      <h2 id="trust-title">Trusted partners</h2>
      {trusted.length === 0 ? (
        <p className="muted">No trusted identities yet.</p>
      ) : (
        <table className="bundle-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Organisation</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trusted.map((key) => (
              <tr key={key.fingerprint}>
                <td>{key.name}</td>
                <td>{key.organisation}</td>
                <td>
                  <code>{key.fingerprint}</code>
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => void removeTrust(key.fingerprint)} aria-label={`Remove ${key.name}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {trustAdd.kind === 'preview' ? (
        // Keyed by the ticket: "I compared the fingerprint" ticked for one identity file is never ticked for the next.
        <TrustConfirm key={trustAdd.ticket} identity={trustAdd.identity} />
      ) : (
        <div className="button-row">
          {canPick ? (
            <button type="button" className="button" onClick={() => void previewTrust(null)}>
              Add a partner’s identity file…
            </button>
          ) : (
            <>
              <label htmlFor={inputId} className="button file-input-label">
                Add a partner’s identity file
              </label>
              <input id={inputId} type="file" accept=".json,application/json" className="visually-hidden" onChange={onChoose} />
            </>
          )}
        </div>
      )}
      {trustAdd.kind === 'failed' && <Notice tone="error">{trustAdd.message}</Notice>}
    </section>
  );
}

/** The fingerprint check for one previewed identity file: trusted only once the analyst says it matches. */
function TrustConfirm({ identity }: { identity: BundleIdentity }) {
  const { confirmTrust, cancelTrust } = useBundlesStore();
  const [name, setName] = useState('');
  const [compared, setCompared] = useState(false);
  const nameId = useId();
  return (
    <div className="bundle-confirm" role="group" aria-labelledby="trust-confirm-title">
      <h3 id="trust-confirm-title">
        Confirm {identity.analyst} ({identity.organisation})
      </h3>
      <p>Read this fingerprint to them by phone, or have them read theirs to you. Trust it only if it matches exactly.</p>
      <p className="bundle-fingerprint" data-testid="trust-fingerprint">
        {identity.fingerprint}
      </p>
      <label htmlFor={nameId}>Local name (optional)</label>
      <input id={nameId} type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} /> I compared the fingerprint with them and it matches
      </label>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!compared} onClick={() => void confirmTrust(name)}>
          Trust this identity
        </button>
        <button type="button" className="button" onClick={cancelTrust}>
          Cancel
        </button>
      </div>
    </div>
  );
}
