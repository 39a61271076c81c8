import { EmptyState } from '../../components/EmptyState';

export function BundlesPage() {
  return (
    <>
      <h1 className="page-title">Bundles</h1>
      <EmptyState title="No bundles yet">
        <p>
          Signed and encrypted exchange packages you send to or receive from partner teams appear here, with the
          identities you trust.
        </p>
        <p>Bundle exchange is not available yet.</p>
      </EmptyState>
    </>
  );
}
