import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** A class for the panel (width variants). */
  className?: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal panel (issue #17.5): rendered at the end of <body>, with everything else `inert`, so neither Tab
 * nor a click nor a screen reader reaches the page behind it (Ctrl+K, Tab, Tab used to land in the
 * sidebar, where Enter navigated under the open palette). Tab and Shift+Tab cycle inside it; Escape or a
 * click on the backdrop closes it; focus moves into it on open and back to where it was on close. Keys
 * typed inside never reach the page's single-key shortcuts (they skip dialogs). jsdom has no
 * showModal(), hence `inert` rather than <dialog>.
 */
export function Dialog({ title, onClose, children, className }: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [host] = useState(() => document.createElement('div'));
  // Taken while rendering, before anything is made inert or focused.
  const [previous] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useLayoutEffect(() => {
    document.body.append(host);
    const behind = [...document.body.children].filter((element): element is HTMLElement => element !== host && element instanceof HTMLElement && !element.inert);
    for (const element of behind) element.inert = true;
    return () => {
      for (const element of behind) element.inert = false;
      host.remove();
    };
  }, [host]);

  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current?.querySelector<HTMLElement>('input, textarea, select, button');
    // Without preventScroll a long sheet whose only control is its Close button opened scrolled to its end.
    (first ?? panel.current)?.focus({ preventScroll: true });
    panel.current?.scrollTo?.({ top: 0 });
    // After the cleanup above made the page reachable again (layout cleanups run first).
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, [previous]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key === 'Tab') trapTab(event, panel.current);
  };

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={panel} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} className={`dialog ${className ?? ''}`} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    host,
  );
}

/** Keeps Tab inside the panel: from the last control to the first, and Shift+Tab the other way. */
function trapTab(event: KeyboardEvent, panel: HTMLElement | null): void {
  if (!panel) return;
  const controls = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest('[hidden]'));
  if (controls.length === 0) {
    event.preventDefault();
    panel.focus();
    return;
  }
  const first = controls[0]!;
  const last = controls[controls.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
