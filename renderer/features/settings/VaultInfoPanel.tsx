import type { ReactNode } from 'react';
import type { VaultInfo } from '../../../preload/contract';
import { formatBytes, formatCount, formatTimestamp } from '../../lib/format';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function countLabel(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function VaultInfoPanel({ info }: { info: VaultInfo }) {
  return (
    <section className="settings-card" aria-labelledby="vault-info-title">
      <h2 id="vault-info-title">Vault</h2>
      <dl className="facts">
        <Fact term="Location">
          <code>{info.location}</code>
        </Fact>
        <Fact term="Vault ID">
          <code>{info.vaultId}</code>
        </Fact>
        <Fact term="Schema version">{info.schemaVersion}</Fact>
        <Fact term="Cipher">{info.cipher}</Fact>
        <Fact term="Key derivation">
          {info.kdf.name} (N={formatCount(info.kdf.N)}, r={info.kdf.r}, p={info.kdf.p})
        </Fact>
        <Fact term="File size">{formatBytes(info.fileSizeBytes)}</Fact>
        <Fact term="Created">{formatTimestamp(info.createdAt)}</Fact>
        <Fact term="Passphrase changed">
          {info.passphraseChangedAt ? formatTimestamp(info.passphraseChangedAt) : 'Never'}
        </Fact>
        {Object.entries(info.counts).map(([name, count]) => (
          <Fact key={name} term={countLabel(name)}>
            {formatCount(count)}
          </Fact>
        ))}
      </dl>
      <p className="muted">Back up this folder to keep your work; it is useless without the passphrase.</p>
    </section>
  );
}
