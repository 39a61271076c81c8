import type { BundleVerification } from '../../../preload/contract';
import { TlpBadge } from '../../components/TlpBadge';

/** Everything checked about a bundle, shown before anything is written. */
export function VerifyReport({ report }: { report: BundleVerification }) {
  if (!report.ok) {
    return (
      <div className="bundle-report" data-testid="bundle-report">
        <p className="bundle-verdict is-bad">Rejected: nothing will be imported</p>
        <p>{report.problems[0]}</p>
      </div>
    );
  }
  const signer = report.signer!;
  return (
    <div className="bundle-report" data-testid="bundle-report">
      <p className={`bundle-verdict ${signer.trusted ? 'is-good' : 'is-warn'}`}>
        {signer.trusted ? `Valid signature from a trusted partner (${signer.trustedAs})` : 'Valid signature, but the signer is NOT in your trust store'}
      </p>
      <dl className="bundle-facts">
        <dt>Signer</dt>
        <dd>
          {signer.analyst} ({signer.organisation})
        </dd>
        <dt>Fingerprint</dt>
        <dd>
          <code>{signer.fingerprint}</code>
        </dd>
        <dt>TLP ceiling</dt>
        <dd>{report.tlpMax && <TlpBadge level={report.tlpMax} />}</dd>
        <dt>Encrypted</dt>
        <dd>{report.encrypted ? `Yes, to ${report.encryptedTo.length} recipient(s)` : 'No, signed only'}</dd>
        <dt>Created</dt>
        <dd>{report.created}</dd>
        <dt>Objects</dt>
        <dd>
          {report.objects!.total} ({Object.entries(report.objects!.byType).map(([type, n]) => `${n} ${type}`).join(', ')})
        </dd>
        <dt>Chain of custody</dt>
        <dd>{report.custody!.verified ? `Verified, ${report.custody!.entries.length} entries` : 'BROKEN'}</dd>
        <dt>Imported before</dt>
        <dd>{report.importedBefore === 0 ? 'Never' : `${report.importedBefore} time(s): importing again adds a sighting`}</dd>
      </dl>
      <table className="bundle-table" aria-label="Chain of custody">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">Objects</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {report.custody!.entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>{entry.at}</td>
              <td>{entry.action}</td>
              <td>
                {entry.actor} ({entry.organisation})
              </td>
              <td>{entry.objects.length}</td>
              <td>{entry.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
