import { EmptyState } from '../../components/EmptyState';

export function QueuePage() {
  return (
    <>
      <h1 className="page-title">Queue</h1>
      <EmptyState title="No indicators to triage yet">
        <p>Indicators you import appear here for triage: confirm, dismiss or escalate them, in bulk or one by one.</p>
        <p>
          Importing STIX bundles, MISP events, CSV files and reports arrives with the ingestion work: first from a
          terminal with <code>npx liaison import FILE</code>, then from this window.
        </p>
      </EmptyState>
    </>
  );
}
