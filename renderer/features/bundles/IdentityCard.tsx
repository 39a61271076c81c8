import { useId, useState, type FormEvent } from 'react';
import type { BundleIdentity } from '../../../preload/contract';
import { useBundlesStore } from './bundles-store';

/** This vault's identity: the fingerprint partners compare by phone, the public keys, and its names. */
export function IdentityCard({ identity }: { identity: BundleIdentity }) {
  const rename = useBundlesStore((state) => state.rename);
  const [editing, setEditing] = useState(false);
  const [analyst, setAnalyst] = useState(identity.analyst);
  const [organisation, setOrganisation] = useState(identity.organisation);
  const ids = { analyst: useId(), organisation: useId() };
  const valid = analyst.trim().length > 0 && organisation.trim().length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (valid && (await rename(analyst.trim(), organisation.trim()))) setEditing(false);
  }

  return (
    <section className="settings-card" aria-labelledby="bundle-identity-title">
      <h2 id="bundle-identity-title">This vault's identity</h2>
      <dl className="bundle-facts">
        <dt>Fingerprint</dt>
        <dd>
          <code data-testid="own-fingerprint">{identity.fingerprint}</code>
        </dd>
        <dt>Analyst</dt>
        <dd>{identity.analyst}</dd>
        <dt>Organisation</dt>
        <dd>{identity.organisation}</dd>
        <dt>Signing key (minisign)</dt>
        <dd>
          <code className="bundle-key">{identity.minisignPublicKey}</code>
        </dd>
        <dt>Encryption key (age)</dt>
        <dd>
          <code className="bundle-key">{identity.ageRecipient}</code>
        </dd>
      </dl>
      {editing ? (
        <form onSubmit={(event) => void submit(event)} aria-label="Names on this identity">
          <label htmlFor={ids.analyst}>Analyst</label>
          <input id={ids.analyst} type="text" value={analyst} maxLength={200} onChange={(e) => setAnalyst(e.target.value)} />
          <label htmlFor={ids.organisation}>Organisation</label>
          <input id={ids.organisation} type="text" value={organisation} maxLength={200} onChange={(e) => setOrganisation(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={!valid}>
              Save names
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change names
          </button>
          <span className="muted">The keys stay; partners see the new names on your next bundle.</span>
        </div>
      )}
      <p className="muted">Export the public identity file for partners with “liaison identity export-public”.</p>
    </section>
  );
}
