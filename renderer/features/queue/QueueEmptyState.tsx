import { EmptyState } from '../../components/EmptyState';

export function QueueEmptyState() {
  return (
    <EmptyState title="No indicators in the vault yet">
      <p>Indicators you import appear here for triage: confirm, dismiss or escalate them, in bulk or one by one.</p>
      <p>
        Import STIX 2.x bundles, MISP events or feed folders, CSV/TSV files and text reports: choose{' '}
        <strong>Import…</strong> above, or drop the files anywhere on this window. From a terminal:{' '}
        <code>npx liaison import FILE</code>.
      </p>
    </EmptyState>
  );
}
