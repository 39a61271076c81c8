import { useEffect } from 'react';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { ImportPanel } from '../import/ImportPanel';
import { selectImportsSettled, selectIsImportOpen, useImportStore } from '../import/import-store';
import { IndicatorDetailPane } from './IndicatorDetailPane';
import { IndicatorFilters } from './IndicatorFilters';
import { IndicatorTable } from './IndicatorTable';
import { QueueEmptyState } from './QueueEmptyState';
import { isFiltered, QUEUE_LIMIT, selectQueueFilter, selectQueueList, selectSelectedId, useQueueStore } from './queue-store';

export function QueuePage() {
  const importOpen = useImportStore(selectIsImportOpen);
  const importsSettled = useImportStore(selectImportsSettled);
  const openImport = useImportStore((state) => state.open);
  const refresh = useQueueStore((state) => state.refresh);

  // Loads on arrival and again whenever an import ends: finished, cancelled after earlier files, or failed.
  useEffect(() => {
    void refresh();
  }, [refresh, importsSettled]);

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Queue</h1>
        <button type="button" className="button primary" onClick={openImport} disabled={importOpen}>
          Import…
        </button>
      </header>
      {importOpen && <ImportPanel />}
      <QueueBody />
    </>
  );
}

function QueueBody() {
  const list = useQueueStore(selectQueueList);
  const filter = useQueueStore(selectQueueFilter);
  const selectedId = useQueueStore(selectSelectedId);
  const select = useQueueStore((state) => state.select);
  const rows = list.kind === 'ready' ? list.value : list.kind === 'loading' ? list.previous : null;

  if (list.kind === 'failed') return <Notice tone="error">{list.message}</Notice>;
  if (rows === null) return <Spinner />;
  if (rows.length === 0 && !isFiltered(filter)) return <QueueEmptyState />;

  return (
    <>
      <IndicatorFilters />
      <div className={selectedId === null ? 'queue-layout' : 'queue-layout with-detail'}>
        <div className="queue-list" aria-busy={list.kind === 'loading' || undefined}>
          <p className="muted queue-count" role="status">
            {rows.length === 0
              ? 'No indicators match these filters.'
              : rows.length >= QUEUE_LIMIT
                ? `Showing the newest ${formatCount(QUEUE_LIMIT)}; narrow the filters to see others.`
                : `${formatCount(rows.length)} indicators`}
          </p>
          {rows.length > 0 && <IndicatorTable rows={rows} selectedId={selectedId} onSelect={(id) => void select(id)} />}
        </div>
        {selectedId !== null && <IndicatorDetailPane />}
      </div>
    </>
  );
}
