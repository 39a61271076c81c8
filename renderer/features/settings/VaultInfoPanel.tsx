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

/**
 * The counts an analyst reads, in words (issue #17.10: Settings listed every table, "Triage state 1");
 * bookkeeping tables (settings, triage state, list entries, undo items) are left out.
 */
const COUNT_LABELS: readonly [table: string, label: string][] = [
  ['indicators', 'Indicators'],
  ['indicator_sources', 'Sightings'],
  ['sources', 'Imported files'],
  ['indicator_tags', 'Tags on indicators'],
  ['warninglists', 'Warninglists'],
  ['warninglist_hits', 'Warninglist hits'],
  ['saved_views', 'Saved views'],
  ['bulk_changes', 'Triage changes'],
  ['audit_entries', 'Audit entries'],
  ['analysts', 'Analysts'],
];

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
        {COUNT_LABELS.filter(([table]) => info.counts[table] !== undefined).map(([table, label]) => (
          <Fact key={table} term={label}>
            {formatCount(info.counts[table]!)}
          </Fact>
        ))}
      </dl>
      <p className="muted">Back up this folder to keep your work; it is useless without the passphrase.</p>
    </section>
  );
}
