import { AttachSelectionDialog } from '../features/briefings/AttachSelectionDialog';
import { CommandPalette } from '../features/palette/CommandPalette';
import { ConfirmBulkDialog } from '../features/queue/ConfirmBulkDialog';
import { EditDialog } from '../features/queue/EditDialog';
import { HelpDialog } from '../features/queue/HelpDialog';
import { NoteDialog } from '../features/queue/NoteDialog';
import { selectOverlay, useOverlayStore } from '../features/queue/overlay-store';
import { QueueExportDialog } from '../features/queue/QueueExportDialog';
import { SaveViewDialog } from '../features/queue/SaveViewDialog';
import { TlpDialog } from '../features/queue/TlpDialog';
import { ShareToHubDialog } from '../features/sync/ShareToHubDialog';

/** The open overlay, if any. */
export function Overlays() {
  const overlay = useOverlayStore(selectOverlay);
  switch (overlay?.kind) {
    case undefined:
      return null;
    case 'palette':
      return <CommandPalette />;
    case 'help':
      return <HelpDialog />;
    case 'tlp':
      return <TlpDialog />;
    case 'edit':
      return <EditDialog />;
    case 'note':
      return <NoteDialog />;
    case 'save-view':
      return <SaveViewDialog />;
    case 'export-queue':
      return <QueueExportDialog />;
    case 'attach-to-briefing':
      return <AttachSelectionDialog />;
    case 'share-to-hub':
      return <ShareToHubDialog />;
    case 'confirm-bulk':
      return <ConfirmBulkDialog patch={overlay.patch} label={overlay.label} count={overlay.count} />;
  }
}
