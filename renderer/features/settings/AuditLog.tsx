import type { AuditEntry } from '../../../preload/contract';
import { formatTimestamp } from '../../lib/format';

export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  return (
    <section className="settings-card" aria-labelledby="audit-title">
      <h2 id="audit-title">Recent activity</h2>
      {entries.length === 0 ? (
        <p className="muted">No audited actions yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Analyst</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">{formatTimestamp(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.target ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
