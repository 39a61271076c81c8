import type { ImportProgress } from '../../../preload/contract';
import { Spinner } from '../../components/Spinner';
import { formatBytes, formatCount } from '../../lib/format';

interface ImportProgressViewProps {
  progress: ImportProgress | null;
  cancelling: boolean;
  onCancel(): void;
}

export function ImportProgressView({ progress, cancelling, onCancel }: ImportProgressViewProps) {
  // A MISP feed folder has no byte total: the bar is indeterminate rather than stuck at 0 %.
  const measurable = progress !== null && progress.bytesTotal > 0;
  const percent = measurable ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100)) : null;

  return (
    <div className="import-progress">
      <p className="import-progress-file" aria-live="polite">
        {progress
          ? `Importing file ${progress.fileIndex + 1} of ${progress.fileCount}: ${progress.file}`
          : 'Starting the import…'}
      </p>
      <progress
        className="import-progress-bar"
        aria-label="Import progress"
        max={100}
        {...(percent === null ? {} : { value: percent })}
      />
      {progress && (
        <p className="import-progress-figures">
          <span>{measurable ? `${formatBytes(progress.bytesRead)} of ${formatBytes(progress.bytesTotal)}` : 'Reading…'}</span>
          <span>{formatCount(progress.records)} records</span>
          <span>{formatCount(Math.round(progress.recordsPerSecond))} records/s</span>
          {percent !== null && <span>{percent} %</span>}
        </p>
      )}
      <button type="button" className="button" onClick={onCancel} disabled={cancelling}>
        {cancelling && <Spinner />}
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
