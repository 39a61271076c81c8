import { useEffect, useState } from 'react';
import { BriefingEditor } from './BriefingEditor';
import { BriefingList } from './BriefingList';
import { BriefingsNotice } from './BriefingsNotice';
import { selectDetail, useBriefingsStore } from './briefings-store';
import { BriefingShortcutsDialog } from './BriefingShortcutsDialog';
import { NewBriefingDialog } from './NewBriefingDialog';
import { useBriefingListShortcuts } from './use-briefing-shortcuts';

/** The Briefings screen: the list of briefings, or the one being edited. */
export function BriefingsPage() {
  const detail = useBriefingsStore(selectDetail);
  const busy = useBriefingsStore((state) => state.busy);
  const [dialog, setDialog] = useState<'new' | 'help' | null>(null);
  const { refresh } = useBriefingsStore.getState();

  // Coming back to the screen: the Queue may have attached indicators or changed their triage since.
  useEffect(() => void refresh(), [refresh]);

  if (detail) return <BriefingEditor />;
  return (
    <div className="briefings-page">
      <ListShortcuts onNew={() => setDialog('new')} onHelp={() => setDialog('help')} paused={dialog !== null} />
      <header className="page-header">
        <h1 className="page-title">Briefings</h1>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => setDialog('help')} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" className="button primary" onClick={() => setDialog('new')} disabled={busy} aria-keyshortcuts="n">
            New briefing… <kbd>n</kbd>
          </button>
        </div>
      </header>
      <BriefingsNotice />
      <BriefingList />
      {dialog === 'new' && <NewBriefingDialog onClose={() => setDialog(null)} />}
      {dialog === 'help' && <BriefingShortcutsDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

function ListShortcuts({ onNew, onHelp, paused }: { onNew(): void; onHelp(): void; paused: boolean }) {
  useBriefingListShortcuts({ onNew, onHelp }, paused);
  return null;
}
