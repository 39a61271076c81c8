import { useId, useState, type KeyboardEvent, type Ref } from 'react';

interface PassphraseInputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled password field that warns when Caps Lock is on (a common cause of "Wrong passphrase"). */
export function PassphraseInput({ label, value, onChange, inputRef, invalid, ...input }: PassphraseInputProps) {
  const id = useId();
  const warningId = `${id}-caps`;
  const [capsLock, setCapsLock] = useState(false);
  const trackCapsLock = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  const describedBy = [input.describedBy, capsLock ? warningId : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={trackCapsLock}
        onKeyUp={trackCapsLock}
        onBlur={() => setCapsLock(false)}
        autoComplete={input.autoComplete}
        autoFocus={input.autoFocus}
        disabled={input.disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        required
      />
      {capsLock && (
        <p id={warningId} className="field-warning" role="status">
          Caps Lock is on
        </p>
      )}
    </div>
  );
}
