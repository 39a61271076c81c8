import { useState, type FormEvent } from 'react';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Spinner } from '../../components/Spinner';
import { MIN_PASSPHRASE_LENGTH } from '../vault-access/passphrase-strength';
import { SaveStatus } from './SaveStatus';
import { useSettingsStore } from './settings-store';

export function RekeyForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const changePassphrase = useSettingsStore((state) => state.changePassphrase);
  const saveState = useSettingsStore((state) => state.rekeySave);
  const busy = saveState.kind === 'saving';

  function submit(event: FormEvent) {
    event.preventDefault();
    if ([...next].length < MIN_PASSPHRASE_LENGTH) return setFormError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (next !== confirmation) return setFormError('The new passphrases do not match.');
    if (next === current) return setFormError('The new passphrase is the same as the current one.');
    setFormError(null);
    void changePassphrase(current, next).then((changed) => {
      setCurrent('');
      if (changed) {
        setNext('');
        setConfirmation('');
      }
    });
  }

  return (
    <form className="settings-card" onSubmit={submit} noValidate aria-labelledby="rekey-title">
      <h2 id="rekey-title">Change passphrase</h2>
      <p className="muted">The vault is re-encrypted under the new passphrase. The old one stops working at once.</p>
      <PassphraseInput label="Current passphrase" value={current} onChange={setCurrent} autoComplete="current-password" disabled={busy} />
      <PassphraseInput label="New passphrase" value={next} onChange={setNext} autoComplete="new-password" disabled={busy} />
      <PassphraseInput
        label="Confirm new passphrase"
        value={confirmation}
        onChange={setConfirmation}
        autoComplete="new-password"
        disabled={busy}
        invalid={confirmation.length > 0 && confirmation !== next}
      />
      {formError && <Notice tone="error">{formError}</Notice>}
      <SaveStatus state={saveState} />
      <button type="submit" className="button" disabled={busy || !current || !next}>
        {busy && <Spinner />}
        {busy ? 'Changing…' : 'Change passphrase'}
      </button>
    </form>
  );
}
