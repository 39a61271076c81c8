import { EmptyState } from '../../components/EmptyState';

export function BriefingsPage() {
  return (
    <>
      <h1 className="page-title">Briefings</h1>
      <EmptyState title="No briefings yet">
        <p>
          Briefings you write for partners appear here, with their versions and TLP marking, ready to export as HTML,
          STIX, MISP or CSV.
        </p>
        <p>Writing briefings is not available yet: it arrives after triage, since briefings are built from triaged indicators.</p>
      </EmptyState>
    </>
  );
}
