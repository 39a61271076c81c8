import { useEffect, useState } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { TlpBadge } from '../../components/TlpBadge';
import { formatCount, formatTimestamp } from '../../lib/format';
import { isEditable } from './briefing-words';
import { selectDetail, useBriefingsStore } from './briefings-store';

/** Every saved version: pick two to see what changed between them, or restore one (as a new version). */
export function VersionsDialog({ onClose }: { onClose(): void }) {
  const detail = useBriefingsStore(selectDetail);
  const versions = useBriefingsStore((state) => state.versions);
  const diff = useBriefingsStore((state) => state.diff);
  const busy = useBriefingsStore((state) => state.busy);
  const { loadVersions, showDiff, restore } = useBriefingsStore.getState();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);

  useEffect(() => void loadVersions(), [loadVersions]);

  if (!detail) return null;
  const newest = versions?.[0]?.version ?? null;
  const older = versions?.[1]?.version ?? null;
  const left = from ?? older;
  const right = to ?? newest;
  const canRestore = isEditable(detail.status);

  return (
    <ModalDialog title={`Versions of “${detail.title}”`} onClose={onClose} className="dialog-wide versions-dialog">
      {versions === null ? (
        <p className="muted">Loading versions…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No version saved yet. Save one with Ctrl/⌘ + S.</p>
      ) : (
        <table className="data-table versions-table" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">TLP</th>
              <th scope="col">Indicators</th>
              <th scope="col">Note</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version}>
                <th scope="row">v{version.version}</th>
                <td className="nowrap">{formatTimestamp(version.createdAt)}</td>
                <td>{version.createdBy}</td>
                <td>
                  <TlpBadge level={version.tlp} />
                </td>
                <td className="numeric">{formatCount(version.indicatorCount)}</td>
                <td>
                  {version.note}
                  {version.restoredFrom !== null && <span className="muted"> restored from v{version.restoredFrom}</span>}
                  {version.publishedAt && <span className="muted"> published {formatTimestamp(version.publishedAt)}</span>}
                </td>
                <td>
                  <input type="radio" name="diff-from" aria-label={`Diff from v${version.version}`} checked={left === version.version} onChange={() => setFrom(version.version)} />
                </td>
                <td>
                  <input type="radio" name="diff-to" aria-label={`Diff to v${version.version}`} checked={right === version.version} onChange={() => setTo(version.version)} />
                </td>
                <td>
                  {canRestore && version.version !== newest && (
                    <button type="button" className="button button-small" disabled={busy} onClick={() => void restore(version.version)}>
                      Restore v{version.version}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff && <DiffView />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button primary" disabled={left === null || right === null || left === right} onClick={() => left !== null && right !== null && void showDiff(left, right)}>
          Show diff
        </button>
      </div>
    </ModalDialog>
  );
}

/** The core's unified diff, one line per row, coloured by what happened to it. */
function DiffView() {
  const diff = useBriefingsStore((state) => state.diff);
  if (!diff) return null;
  const lines = diff.unified.split('\n');
  return (
    <section className="diff-view" aria-label={`Changes from v${diff.from} to v${diff.to}`}>
      <h3>
        v{diff.from} → v{diff.to}: <span className="diff-added">+{formatCount(diff.added)}</span> <span className="diff-removed">−{formatCount(diff.removed)}</span>
      </h3>
      {diff.added === 0 && diff.removed === 0 ? (
        <p className="muted">The two versions are the same.</p>
      ) : (
        <pre className="diff-text" tabIndex={0}>
          {lines.map((line, index) => (
            <span key={index} className={line.startsWith('+') && !line.startsWith('+++') ? 'diff-add' : line.startsWith('-') && !line.startsWith('---') ? 'diff-del' : line.startsWith('@@') ? 'diff-hunk' : undefined}>
              {line}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
