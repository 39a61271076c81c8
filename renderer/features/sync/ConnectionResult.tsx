import type { SyncConnectionReport } from '../../../preload/contract';

const yes = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** What Test connection found, step by step, and in words what is wrong if anything is. */
export function ConnectionResult({ report }: { report: SyncConnectionReport }) {
  return (
    <section aria-label="Connection test" className={`notice notice-${report.ok ? 'success' : 'error'}`} role={report.ok ? 'status' : 'alert'}>
      <dl className="facts">
        <div className="facts-row">
          <dt>Discovery</dt>
          <dd>{report.discovery ? report.discovery.title : 'failed'}</dd>
        </div>
        <div className="facts-row">
          <dt>API root</dt>
          <dd>{report.apiRoot ? `${report.apiRoot.title} (${report.apiRoot.url})` : '-'}</dd>
        </div>
        <div className="facts-row">
          <dt>Collections</dt>
          <dd>{report.collections ? report.collections.map((c) => c.title).join(', ') || 'none' : '-'}</dd>
        </div>
        {report.push && (
          <div className="facts-row">
            <dt>Can write</dt>
            <dd>{yes(report.push.canWrite)}</dd>
          </div>
        )}
        {report.pull && (
          <div className="facts-row">
            <dt>Can read</dt>
            <dd>{yes(report.pull.every((p) => p.canRead))}</dd>
          </div>
        )}
      </dl>
      {report.error && <p>{report.error}</p>}
    </section>
  );
}
