import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { DEFAULT_DETAIL_WIDTH, MAX_DETAIL_WIDTH, MIN_DETAIL_WIDTH, selectDetailWidth, useLayoutStore } from './layout-store';

/** Px per arrow key; Shift moves four times as far. */
export const SPLITTER_STEP = 16;

/**
 * The bar between the grid and the detail pane (issue #17.9), the WAI-ARIA window splitter: drag it, or
 * focus it and use the arrows (left widens the pane, which sits on the right), Home to reset. The width is
 * a CSS variable on the layout, so the grid keeps its rows and only its viewport changes.
 */
export function DetailSplitter({ paneId }: { paneId?: string }) {
  const width = useLayoutStore(selectDetailWidth) ?? DEFAULT_DETAIL_WIDTH;
  const drag = useRef<{ x: number; width: number } | null>(null);
  const layout = () => useLayoutStore.getState();

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? SPLITTER_STEP * 4 : SPLITTER_STEP;
    if (event.key === 'ArrowLeft') layout().setDetailWidth(width + step);
    else if (event.key === 'ArrowRight') layout().setDetailWidth(width - step);
    else if (event.key === 'Home') layout().resetDetailWidth();
    else if (event.key === 'End') layout().setDetailWidth(MAX_DETAIL_WIDTH);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    // The pane's real width, which may be below the default when the window is narrow.
    const pane = event.currentTarget.nextElementSibling;
    drag.current = { x: event.clientX, width: pane instanceof HTMLElement && pane.offsetWidth > 0 ? pane.offsetWidth : width };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) layout().setDetailWidth(drag.current.width - (event.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the detail pane"
      aria-controls={paneId}
      aria-valuenow={width}
      aria-valuemin={MIN_DETAIL_WIDTH}
      aria-valuemax={MAX_DETAIL_WIDTH}
      tabIndex={0}
      className="queue-splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => layout().resetDetailWidth()}
    />
  );
}
