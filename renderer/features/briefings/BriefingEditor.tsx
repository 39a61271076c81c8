import { useId, useRef, useState } from 'react';
import { TlpBanner } from '../../components/TlpBanner';
import { formatTimestamp } from '../../lib/format';
import { AttachedIndicators } from './AttachedIndicators';
import { editorMarking } from './briefing-marking';
import { briefingStatusLabel, isEditable, nextStatuses } from './briefing-words';
import { selectDetail, selectDraft, useBriefingsStore, type SaveState } from './briefings-store';
import { BriefingShortcutsDialog } from './BriefingShortcutsDialog';
import { BriefingsNotice } from './BriefingsNotice';
import { ExportDialog } from './ExportDialog';
import { MetadataFields } from './MetadataFields';
import { PublishDialog } from './PublishDialog';
import { SaveTemplateDialog } from './SaveTemplateDialog';
import { SectionsEditor } from './SectionsEditor';
import { ShareBundleDialog } from './ShareBundleDialog';
import { TechniquesPanel } from './TechniquesPanel';
import { useBriefingEditorShortcuts } from './use-briefing-shortcuts';
import { VersionsDialog } from './VersionsDialog';

type EditorDialog = 'export' | 'versions' | 'template' | 'help' | 'publish' | 'share' | null;

/** One briefing: metadata, sections with a live preview, techniques, attachments; the marking always in view. */
export function BriefingEditor() {
  const detail = useBriefingsStore(selectDetail);
  const draft = useBriefingsStore(selectDraft);
  const busy = useBriefingsStore((state) => state.busy);
  const { edit, close, saveVersion, setStatus } = useBriefingsStore.getState();
  const [dialog, setDialog] = useState<EditorDialog>(null);
  const attachRef = useRef<HTMLInputElement>(null);
  const techniqueRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const editable = detail ? isEditable(detail.status) : false;

  useBriefingEditorShortcuts((command) => {
    switch (command.kind) {
      case 'save-version':
        return void (editable && saveVersion());
      case 'export':
      case 'versions':
      case 'help':
        return setDialog(command.kind);
      case 'attach':
        return attachRef.current?.focus();
      case 'technique':
        return techniqueRef.current?.focus();
      case 'back':
        return void close();
    }
  }, dialog !== null);

  if (!detail || !draft) return null;
  const marking = editorMarking(draft, detail);

  return (
    <div className="briefing-editor">
      <TlpBanner level={marking.level}>
        {marking.raisedBy.length > 0 ? `Export marking, raised above the document's own by ${marking.raisedBy.join(', ')}` : 'Export marking'}
      </TlpBanner>
      <header className="page-header briefing-header">
        <div className="briefing-heading">
          <button type="button" className="link-button" onClick={() => void close()} aria-keyshortcuts="Escape">
            ← Briefings
          </button>
          <h1 className="page-title">{draft.title || 'Untitled briefing'}</h1>
          <p className="muted briefing-facts">
            <span className={`briefing-status briefing-status-${detail.status}`}>{briefingStatusLabel(detail.status)}</span>
            {' · '}
            {detail.version === 0 ? 'no version saved' : `version ${detail.version}`}
            {' · '}
            <SaveStateText />
          </p>
        </div>
        <div className="page-actions">
          {nextStatuses(detail.status).map((move) => (
            <button key={move.status} type="button" className="button" disabled={busy} onClick={() => void setStatus(move.status)}>
              {move.label}
            </button>
          ))}
          {detail.status === 'approved' && (
            <button type="button" className="button" disabled={busy} onClick={() => setDialog('publish')}>
              Publish to sync…
            </button>
          )}
          <button type="button" className="button" onClick={() => setDialog('versions')} aria-keyshortcuts="v">
            Versions…
          </button>
          <button type="button" className="button" onClick={() => setDialog('template')}>
            Save as template…
          </button>
          <button type="button" className="button" onClick={() => setDialog('export')} aria-keyshortcuts="Control+E Meta+E">
            Export… <kbd>Ctrl E</kbd>
          </button>
          <button type="button" className="button" onClick={() => setDialog('share')}>
            Share as bundle…
          </button>
          <button type="button" className="button primary" disabled={!editable || busy} onClick={() => void saveVersion()} aria-keyshortcuts="Control+S Meta+S">
            Save version <kbd>Ctrl S</kbd>
          </button>
        </div>
      </header>
      <BriefingsNotice />
      {detail.status === 'published' && (
        <p className="briefing-readonly" role="note">
          Published: this briefing is final and cannot be changed. Export it, or save it as a template to start a new one.
        </p>
      )}
      {detail.status === 'approved' && (
        <p className="briefing-readonly" role="note">
          Approved: the content is frozen until it is published.
        </p>
      )}
      <div className="field briefing-title-field">
        <label htmlFor={titleId}>Title</label>
        <input id={titleId} type="text" value={draft.title} maxLength={500} disabled={!editable} onChange={(event) => edit({ title: event.target.value })} />
      </div>
      <MetadataFields draft={draft} editable={editable} onEdit={edit} />
      <SectionsEditor sections={draft.sections} documentTlp={draft.tlp} editable={editable} onChange={(sections) => edit({ sections })} />
      <TechniquesPanel
        inputRef={techniqueRef}
        ids={draft.techniques}
        details={detail.techniqueDetails}
        editable={editable}
        onChange={(techniques) => edit({ techniques })}
      />
      <AttachedIndicators searchRef={attachRef} editable={editable} />
      {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
      {dialog === 'versions' && <VersionsDialog onClose={() => setDialog(null)} />}
      {dialog === 'template' && <SaveTemplateDialog onClose={() => setDialog(null)} />}
      {dialog === 'help' && <BriefingShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog onClose={() => setDialog(null)} />}
      {dialog === 'share' && <ShareBundleDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'draft saved',
  pending: 'editing…',
  saving: 'saving draft…',
  error: 'draft not saved',
};

function SaveStateText() {
  const state = useBriefingsStore((s) => s.saveState);
  const at = useBriefingsStore((s) => s.savedAt);
  const error = useBriefingsStore((s) => s.saveError);
  const resolveSave = useBriefingsStore((s) => s.resolveSave);
  return (
    <>
      <span className={`save-state save-state-${state}`} role="status" data-state={state}>
        {SAVE_TEXT[state]}
        {state === 'saved' && at ? ` ${formatTimestamp(at)}` : ''}
        {state === 'error' && error ? `: ${error}` : ''}
      </span>
      {state === 'error' && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => void resolveSave('mine')}>
            Save mine over it
          </button>{' '}
          <button type="button" className="link-button" onClick={() => void resolveSave('stored')}>
            Load the saved draft
          </button>
        </>
      )}
    </>
  );
}
