import type { BundleIdentity } from '../../../preload/contract';

/** This vault's identity: the fingerprint partners compare by phone, and the public keys. */
export function IdentityCard({ identity }: { identity: BundleIdentity }) {
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
      <p className="muted">Export the public identity file for partners with “liaison identity export-public”.</p>
    </section>
  );
}
