import { useEffect } from 'react';
import type { CountEntry, TlpLevel } from '../../../preload/contract';
import { BarChart, type Bar } from '../../components/BarChart';
import { DayChart } from '../../components/DayChart';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { isTlpLevel, tlpClass, tlpLabel } from '../../lib/tlp';
import { isTriageStatus, statusLabel } from '../../lib/triage-words';
import { selectImportsSettled, useImportStore } from '../import/import-store';
import { selectQueueWrites, useQueueStore } from '../queue/queue-store';
import { selectOverview, selectOverviewError, useOverviewStore } from './overview-store';
import { selectVaultChanges, useVaultChangesStore } from '../../app/vault-changes-store';

const bars = (entries: readonly CountEntry[], label: (key: string) => string = (key) => key, tone?: (key: string) => string): Bar[] =>
  entries.map((entry) => ({ key: entry.key, label: label(entry.key), count: entry.count, ...(tone ? { tone: tone(entry.key) } : {}) }));

/** Counts by status, type, source and TLP, and imports per day. */
export function OverviewPage() {
  const overview = useOverviewStore(selectOverview);
  const error = useOverviewStore(selectOverviewError);
  const load = useOverviewStore((state) => state.load);
  const settled = useImportStore(selectImportsSettled);
  const writes = useQueueStore(selectQueueWrites);
  const changes = useVaultChangesStore(selectVaultChanges);

  useEffect(() => void load(), [load, settled, writes, changes]);

  const total = overview?.byStatus.reduce((sum, entry) => sum + entry.count, 0) ?? 0;
  return (
    <div className="overview-page">
      <header className="page-header">
        <h1 className="page-title">Overview</h1>
        {overview && <p className="muted">{formatCount(total)} indicators in the vault</p>}
      </header>
      {error && <Notice tone="error">{error}</Notice>}
      {!overview ? (
        !error && <Spinner />
      ) : (
        <div className="chart-grid">
          <BarChart title="By status" bars={bars(overview.byStatus, (key) => (isTriageStatus(key) ? statusLabel(key) : key), (key) => `status-${key}`)} />
          <BarChart title="By TLP" bars={bars(overview.byTlp, (key) => (isTlpLevel(key) ? tlpLabel(key) : key), (key) => (isTlpLevel(key) ? tlpClass(key as TlpLevel) : ''))} />
          <BarChart title="By type" bars={bars(overview.byType)} />
          <BarChart title="By source" bars={bars(overview.bySource)} />
          <DayChart
            title="Imports over time (indicators imported per day, new and merged)"
            days={overview.importsPerDay.map((day) => ({
              day: day.day,
              value: day.indicatorsNew + day.indicatorsMerged,
              detail: `${formatCount(day.indicatorsNew)} new and ${formatCount(day.indicatorsMerged)} merged indicators in ${day.imports === 1 ? '1 import' : `${day.imports} imports`}`,
            }))}
          />
        </div>
      )}
    </div>
  );
}
