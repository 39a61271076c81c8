import { useId, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { requireClient } from '../../lib/client';
import { FileChooser } from './FileChooser';
import { FORMAT_OPTIONS, isImportFormat, SOURCE_NAME_MAX } from './import-options';
import {
  selectImportError,
  selectImportOptions,
  selectImportPhase,
  selectImportSelection,
  useImportStore,
} from './import-store';
import { TlpPicker } from './TlpPicker';
import { TlpBadge } from '../../components/TlpBadge';

export function ImportForm() {
  const options = useImportStore(selectImportOptions);
  const selection = useImportStore(selectImportSelection);
  const error = useImportStore(selectImportError);
  const starting = useImportStore(selectImportPhase).kind === 'starting';
  const { setOptions, chooseFiles, pickFiles, start } = useImportStore.getState();
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start();
  };

  return (
    <form className="import-form" onSubmit={submit} aria-busy={starting || undefined}>
      <FileChooser
        canPick={requireClient().files.canPick}
        chosen={selection?.names ?? []}
        disabled={starting}
        onPick={() => void pickFiles()}
        onChoose={chooseFiles}
      />
      <div className="import-options">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            value={options.format}
            disabled={starting}
            onChange={(event) => isImportFormat(event.target.value) && setOptions({ format: event.target.value })}
          >
            {FORMAT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source name (optional)</label>
          <input
            id={`${id}-source`}
            type="text"
            value={options.sourceName}
            maxLength={SOURCE_NAME_MAX}
            placeholder="Each file's name"
            disabled={starting}
            onChange={(event) => setOptions({ sourceName: event.target.value })}
          />
        </div>
      </div>
      <TlpPicker legend="TLP for records without a marking" value={options.tlp} disabled={starting} onChange={(tlp) => setOptions({ tlp })} />
      <div className="checkbox-field">
        <input
          id={`${id}-strict`}
          type="checkbox"
          checked={options.strict}
          disabled={starting}
          onChange={(event) => setOptions({ strict: event.target.checked })}
          aria-describedby={`${id}-strict-help`}
        />
        <label htmlFor={`${id}-strict`}>Strict</label>
        <p id={`${id}-strict-help`} className="muted checkbox-help">
          Off: a file imports its valid values and every rejected value is listed. On: a file with any rejected value is
          not imported at all.
        </p>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {/* The panel keeps the last TLP chosen: said every time beside the button (issue #17.10). */}
      <p className="import-tlp-summary" id={`${id}-tlp-summary`}>
        Records without a marking will be imported as <TlpBadge level={options.tlp} />.
      </p>
      <button type="submit" className="button primary" disabled={!selection || starting} aria-describedby={`${id}-tlp-summary`}>
        {starting && <Spinner />}
        {starting ? 'Starting…' : 'Import'}
      </button>
    </form>
  );
}
