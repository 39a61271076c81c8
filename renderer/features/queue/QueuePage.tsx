import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { DismissableNotice } from '../../components/DismissableNotice';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { ImportPanel } from '../import/ImportPanel';
import { selectVaultChanges, useVaultChangesStore } from '../../app/vault-changes-store';
import { selectImportsSettled, selectIsImportOpen, useImportStore } from '../import/import-store';
import { DetailPane } from './DetailPane';
import { DetailSplitter } from './DetailSplitter';
import { selectDetailWidth, useLayoutStore } from './layout-store';
import { useDetailStore } from './detail-store';
import { FilterBar } from './FilterBar';
import { countActiveFilters } from './filter-form';
import { useOverlayStore } from './overlay-store';
import { QueueEmptyState } from './QueueEmptyState';
import { QueueGrid } from './QueueGrid';
import { QueueToolbar } from './QueueToolbar';
import {
  selectFocusedRow,
  selectQueueError,
  selectQueueForm,
  selectQueueNotice,
  selectQueueTotal,
  selectQueueWrites,
  useQueueStore,
} from './queue-store';
import { useQueueShortcuts } from './use-queue-shortcuts';

export function QueuePage() {
  const importOpen = useImportStore(selectIsImportOpen);
  const importsSettled = useImportStore(selectImportsSettled);
  const openImport = useImportStore((state) => state.open);
  const open = useOverlayStore((state) => state.open);
  const { load, refresh } = useQueueStore.getState();
  const settledSeen = useRef(importsSettled);
  const vaultChanges = useVaultChangesStore(selectVaultChanges);
  const changesSeen = useRef(vaultChanges);
  useQueueShortcuts();

  useEffect(() => void load(), [load]);
  // A notice is about this page: it does not wait here for the analyst to come back from another one (issue #17.9).
  useEffect(() => () => useQueueStore.getState().setNotice(null), []);
  // An import that ended (finished, cancelled after earlier files, or failed) may have added rows.
  useEffect(() => {
    if (importsSettled === settledSeen.current) return;
    settledSeen.current = importsSettled;
    void refresh();
  }, [importsSettled, refresh]);
  // Another writer (the CLI, another window) committed: same view, new data; scroll, selection and an
  // open dialog stay as they are, and the detail pane reloads the indicator it shows.
  useEffect(() => {
    if (vaultChanges === changesSeen.current) return;
    changesSeen.current = vaultChanges;
    void refresh();
    void useDetailStore.getState().reload();
  }, [vaultChanges, refresh]);

  return (
    <div className="queue-page">
      <header className="page-header">
        <h1 className="page-title">Queue</h1>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => open({ kind: 'help' })} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" className="button" onClick={() => open({ kind: 'palette' })} aria-keyshortcuts="Control+K Meta+K">
            Commands <kbd>Ctrl K</kbd>
          </button>
          <button type="button" className="button primary" onClick={openImport} disabled={importOpen} data-import-open>
            Import…
          </button>
        </div>
      </header>
      {importOpen && <ImportPanel />}
      <QueueNoticeBar />
      <QueueBody />
    </div>
  );
}

function QueueNoticeBar() {
  const notice = useQueueStore(selectQueueNotice);
  const setNotice = useQueueStore((state) => state.setNotice);
  return <DismissableNotice notice={notice} onDismiss={() => setNotice(null)} className="queue-notice" />;
}

function QueueBody() {
  const total = useQueueStore(selectQueueTotal);
  const error = useQueueStore(selectQueueError);
  const filtered = countActiveFilters(useQueueStore(selectQueueForm)) > 0;
  // The id only: a page arriving replaces the row object, which must not re-render the bar and the pane.
  const focusedId = useQueueStore((state) => selectFocusedRow(state)?.id ?? null);
  const writes = useQueueStore(selectQueueWrites);

  // The detail pane follows the focus; after a write it reloads (history, notes, tags changed). When the
  // filter matches nothing it empties, rather than keep showing an indicator the filter left out (#17.10).
  useEffect(() => {
    if (focusedId !== null) void useDetailStore.getState().show(focusedId);
    else if (total === 0) void useDetailStore.getState().show(null);
  }, [focusedId, total]);
  useEffect(() => {
    if (writes > 0) void useDetailStore.getState().reload();
  }, [writes]);

  if (total === 0 && !filtered && !error) return <QueueEmptyState />;
  return (
    <>
      <QueueToolbar />
      <FilterBar />
      {error && <Notice tone="error">{error}</Notice>}
      <QueueLayout>
        {total === null && !error ? (
          <div className="queue-grid queue-grid-loading">
            <Spinner />
          </div>
        ) : total === 0 ? (
          <div className="queue-grid queue-grid-loading">
            <p className="muted">No indicators match these filters.</p>
          </div>
        ) : (
          <QueueGrid />
        )}
        <DetailSplitter />
        <DetailPane />
      </QueueLayout>
    </>
  );
}

/**
 * Applies the detail pane's width. Its own component taking the grid and pane as children, so moving the
 * splitter re-renders this element only: the children are the same elements and React skips them.
 */
function QueueLayout({ children }: { children: ReactNode }) {
  const detailWidth = useLayoutStore(selectDetailWidth);
  return (
    <div className="queue-layout" style={detailWidth === null ? undefined : ({ '--detail-width': `${detailWidth}px` } as CSSProperties)}>
      {children}
    </div>
  );
}
