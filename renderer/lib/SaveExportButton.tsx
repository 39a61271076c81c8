import { useEffect, useRef, useState } from 'react';
import { toApiFailure } from './api-failure';
import { requireClient } from './client';

/**
 * Hands a file the core wrote into the session's export folder to the analyst: a save dialog in the
 * desktop app, a download in the browser. Every export (briefing, bundle, filtered queue) ends with this
 * one control, so the hand-out behaves the same everywhere; the renderer only ever names the file.
 */
export function SaveExportButton({ fileName, className = 'export-save' }: { fileName: string; className?: string }) {
  const client = requireClient();
  const button = useRef<HTMLButtonElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Ready to save with Enter, as the next step after exporting.
  useEffect(() => button.current?.focus(), [fileName]);
  const offer = async () => {
    try {
      const { saved: done } = await client.files.saveExport(fileName);
      setSaved(done ? `${fileName} saved.` : null);
    } catch (failure) {
      setSaved(toApiFailure(failure).message);
    }
  };
  return (
    <p className={className}>
      <button ref={button} type="button" className="button primary" onClick={() => void offer()}>
        {client.files.canPick ? 'Save as…' : 'Download'} {fileName}
      </button>{' '}
      {saved && <span className="muted">{saved}</span>}
    </p>
  );
}
