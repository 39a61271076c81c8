import { useEffect } from 'react';
import { isPaletteShortcut } from '../queue/queue-keys';
import { useOverlayStore } from '../queue/overlay-store';

/** Ctrl/Cmd+K toggles the command palette anywhere in the workspace (the browser's own Ctrl+K is overridden). */
export function usePaletteShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      const overlays = useOverlayStore.getState();
      if (overlays.overlay?.kind === 'palette') overlays.close();
      else overlays.open({ kind: 'palette' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
