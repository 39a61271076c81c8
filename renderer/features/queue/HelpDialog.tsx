import { Dialog } from '../../components/Dialog';
import { useOverlayStore } from './overlay-store';
import { SHORTCUT_SHEET } from './queue-keys';

export function HelpDialog() {
  const close = useOverlayStore((state) => state.close);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <p className="muted">Status, TLP and edits apply to the selected indicators, or to the focused one when none is selected.</p>
      <table className="data-table shortcut-table">
        <tbody>
          {SHORTCUT_SHEET.map((entry) => (
            <tr key={entry.keys}>
              <th scope="row">
                <kbd>{entry.keys}</kbd>
              </th>
              <td>{entry.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
