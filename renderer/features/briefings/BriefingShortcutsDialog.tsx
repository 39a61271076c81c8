import { ModalDialog } from '../../components/ModalDialog';
import { BRIEFING_SHORTCUT_SHEET } from './briefing-keys';

export function BriefingShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog title="Briefing shortcuts" onClose={onClose}>
      <table className="data-table shortcut-table">
        <tbody>
          {BRIEFING_SHORTCUT_SHEET.map((entry) => (
            <tr key={`${entry.group}-${entry.keys}`}>
              <th scope="row">
                <kbd>{entry.keys}</kbd>
              </th>
              <td>
                <span className="muted">{entry.group}:</span> {entry.what}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
