import { EmptyState } from '../../components/EmptyState';

export function SyncPage() {
  return (
    <>
      <h1 className="page-title">Sync</h1>
      <EmptyState title="No TAXII servers yet">
        <p>
          TAXII 2.1 servers you share with appear here: collections, the last successful exchange, items waiting to be
          sent and any conflicts that need your decision.
        </p>
        <p>TAXII sync is not available yet.</p>
      </EmptyState>
    </>
  );
}
