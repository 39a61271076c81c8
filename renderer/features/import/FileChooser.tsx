import { useId, type ChangeEvent } from 'react';
import { formatBytes } from '../../lib/format';
import type { ChosenFile } from './import-store';

interface FileChooserProps {
  /** Electron opens its own dialog (the core reads the files in place); the browser uses a file input and uploads. */
  canPick: boolean;
  chosen: readonly ChosenFile[];
  disabled: boolean;
  onPick(): void;
  onChoose(files: File[]): void;
}

/** Chromium's folder selection; not in React's attribute types. */
const FOLDER_INPUT = { webkitdirectory: '' } as Record<string, string>;

export function FileChooser({ canPick, chosen, disabled, onPick, onChoose }: FileChooserProps) {
  const inputId = useId();
  const folderId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    onChoose([...(event.target.files ?? [])]);
    // Lets the analyst choose the same file again after fixing it on disk.
    event.target.value = '';
  };

  return (
    <div className="file-chooser">
      <div className="file-chooser-actions">
        {canPick ? (
          <button type="button" className="button" onClick={onPick} disabled={disabled}>
            Choose files…
          </button>
        ) : (
          <>
            <label htmlFor={inputId} className={`button file-input-label${disabled ? ' is-disabled' : ''}`}>
              Choose files
            </label>
            <input id={inputId} type="file" multiple className="visually-hidden" onChange={onChange} disabled={disabled} />
            {/* A MISP feed is a folder: its files are imported together as the feed (issue #17.1). */}
            <label htmlFor={folderId} className={`button file-input-label${disabled ? ' is-disabled' : ''}`}>
              Choose a folder
            </label>
            <input id={folderId} type="file" multiple className="visually-hidden" onChange={onChange} disabled={disabled} {...FOLDER_INPUT} />
          </>
        )}
        <span className="muted">or drop files or a folder anywhere on this window</span>
      </div>
      {chosen.length > 0 ? (
        <ul className="chosen-files" aria-label="Chosen files">
          {chosen.map((file, index) => (
            <li key={`${index}:${file.name}`}>
              <span className="chosen-file-name">{file.name}</span> <span className="muted">{formatBytes(file.size)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted file-chooser-none">No files chosen.</p>
      )}
    </div>
  );
}
