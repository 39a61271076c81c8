import { useId, useState, type FormEvent } from 'react';
import { AUTO_LOCK_MINUTES } from './auto-lock';
import { SaveStatus } from './SaveStatus';
import { useSettingsStore } from './settings-store';

export function AutoLockForm({ current }: { current: number }) {
  const id = useId();
  const [value, setValue] = useState(String(current));
  const save = useSettingsStore((state) => state.saveAutoLock);
  const saveState = useSettingsStore((state) => state.autoLockSave);
  const minutes = Number(value);
  const valid = Number.isInteger(minutes) && minutes >= AUTO_LOCK_MINUTES.min && minutes <= AUTO_LOCK_MINUTES.max;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) void save(minutes);
  }

  return (
    <form className="settings-card" onSubmit={submit} noValidate>
      <h2>Auto-lock</h2>
      <p className="muted">The vault locks itself after this many minutes without keyboard or pointer activity.</p>
      <div className="inline-field">
        <label htmlFor={id}>Lock after (minutes)</label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={AUTO_LOCK_MINUTES.min}
          max={AUTO_LOCK_MINUTES.max}
          step={1}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={!valid || undefined}
        />
        <button type="submit" className="button" disabled={!valid || saveState.kind === 'saving' || minutes === current}>
          Save
        </button>
      </div>
      {!valid && (
        <p className="field-warning" role="status">
          Enter a whole number from {AUTO_LOCK_MINUTES.min} to {AUTO_LOCK_MINUTES.max}.
        </p>
      )}
      <SaveStatus state={saveState} />
    </form>
  );
}
