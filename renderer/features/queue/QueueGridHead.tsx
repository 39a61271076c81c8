import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { QueueSort } from '../../../preload/contract';
import { COLUMNS } from './QueueRowView';
import { COLUMN_SORTS, columnWidth, isResizableColumn, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, useLayoutStore } from './layout-store';
import { selectQueueSort, useQueueStore } from './queue-store';

/** Px per arrow key on a resize handle; Shift moves four times as far. */
export const RESIZE_STEP = 8;

/**
 * The queue's header row: a header whose column the core can sort by is a button (click or Enter sorts,
 * again reverses), and each fixed-width column has a resize handle (drag, or arrows when focused; Home
 * resets it).
 */
export function QueueGridHead({ id }: { id: string }) {
  const sort = useQueueStore(selectQueueSort);
  return (
    <div role="rowgroup" className="queue-grid-head" id={id}>
      <div role="row" aria-rowindex={1} className="queue-row queue-head-row">
        {COLUMNS.map((name, column) => (
          <HeaderCell key={column} column={column} name={name} sort={sort} />
        ))}
      </div>
    </div>
  );
}

function HeaderCell({ column, name, sort }: { column: number; name: string; sort: QueueSort }) {
  const sortable = COLUMN_SORTS[column];
  const active = sortable !== undefined && sortable.key === sort.key;
  const numeric = column === 5 || column === 6;
  const onSort = () => {
    if (!sortable) return;
    const direction = active ? (sort.direction === 'asc' ? 'desc' : 'asc') : sortable.first;
    void useQueueStore.getState().setSort({ key: sortable.key, direction });
  };
  return (
    <div
      role="columnheader"
      className={`queue-head-cell${numeric ? ' numeric' : ''}`}
      aria-sort={sortable ? (active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}
    >
      {!name ? (
        <span className="visually-hidden">Selected</span>
      ) : sortable ? (
        <button type="button" className="queue-sort-button" onClick={onSort} title={column === 3 ? 'Sort by type, then value' : `Sort by ${name.toLowerCase()}`}>
          {name}
        </button>
      ) : (
        name
      )}
      {isResizableColumn(column) && <ResizeHandle column={column} name={name} />}
    </div>
  );
}

function ResizeHandle({ column, name }: { column: number; name: string }) {
  const width = useLayoutStore((state) => columnWidth(state.columnWidths, column));
  const drag = useRef<{ x: number; width: number } | null>(null);
  const layout = () => useLayoutStore.getState();

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? RESIZE_STEP * 4 : RESIZE_STEP;
    if (event.key === 'ArrowRight') layout().setColumnWidth(column, width + step);
    else if (event.key === 'ArrowLeft') layout().setColumnWidth(column, width - step);
    else if (event.key === 'Home') layout().resetColumnWidth(column);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) layout().setColumnWidth(column, drag.current.width + event.clientX - drag.current.x);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${name} column`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      className="queue-resize-handle"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => layout().resetColumnWidth(column)}
    />
  );
}
