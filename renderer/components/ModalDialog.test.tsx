import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { click, getButton, render, type Rendered } from '../testing/render';
import { ModalDialog } from './ModalDialog';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <ModalDialog title="Export briefing" onClose={() => setOpen(false)}>
          <button type="button">First</button>
          <input aria-label="Chosen" data-autofocus />
        </ModalDialog>
      )}
    </>
  );
}

describe('ModalDialog', () => {
  it('opens a <dialog> named by its title, focuses the autofocus control, and on Escape closes and returns focus', async () => {
    view = await render(<Harness />);
    const opener = getButton(view.container, 'Open');
    opener.focus();
    await click(opener);
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Export briefing');
    expect(document.activeElement).toBe(dialog.querySelector('input'));
    await act(async () => {
      dialog.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(view.container.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('keeps keys typed inside from reaching the screen behind it', async () => {
    view = await render(<Harness />);
    await click(getButton(view.container, 'Open'));
    const seen: string[] = [];
    const listener = (event: KeyboardEvent) => seen.push(event.key);
    window.addEventListener('keydown', listener);
    await act(async () => {
      view!.container.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    });
    window.removeEventListener('keydown', listener);
    expect(seen).toEqual([]);
  });
});
