import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** A class for the panel (width variants: dialog-narrow, dialog-wide). */
  className?: string;
}

/**
 * A modal on the platform `<dialog>`: `showModal()` puts it in the top layer, makes the page behind it inert
 * (focus cannot leave it, screen readers see only it) and turns Escape into a `cancel` event. The parent
 * decides whether it is shown, so Escape asks the parent to close rather than closing it under React's feet.
 * Focus goes to the first `[data-autofocus]` control (else the first control) and back to the opener on close.
 */
export function ModalDialog({ title, onClose, children, className }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const titleId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // jsdom has no showModal; the open attribute is what it would set.
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('input, textarea, select, button');
    first?.focus();
    let closedByUs = false;
    // Chromium closes a dialog on a second Escape without user activation even when `cancel` is prevented.
    const onNativeClose = () => {
      if (!closedByUs) onCloseRef.current();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => {
      closedByUs = true;
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`modal-dialog dialog ${className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onKeyDown={(event) => {
        // Keys typed inside never reach a screen's single-key shortcuts.
        event.stopPropagation();
        if (event.key === 'Escape' && typeof HTMLDialogElement.prototype.showModal !== 'function') onCloseRef.current();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
