import { useRef, useState, type FormEvent } from 'react';
import { AccessPanel } from '../../components/AccessPanel';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Spinner } from '../../components/Spinner';
import { useVaultStore } from './vault-store';

export function UnlockVaultScreen() {
  const [passphrase, setPassphrase] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const { busy, error, lockNotice, location, unlock } = useVaultStore();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length === 0) return;
    // Clear the field either way: a wrong passphrase is retyped, a right one should not linger in memory.
    void unlock(passphrase).then(() => {
      setPassphrase('');
      // The field was disabled while the KDF ran, which drops focus; give it back for the retry.
      requestAnimationFrame(() => inputRef.current?.focus());
    });
  }

  return (
    <AccessPanel title="Unlock vault" location={location}>
      {lockNotice && !error && <Notice tone="info">{lockNotice}</Notice>}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <PassphraseInput
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          autoFocus
          inputRef={inputRef}
          disabled={busy}
          invalid={error?.code === 'WRONG_PASSPHRASE'}
        />
        {error && <Notice tone="error">{error.text}</Notice>}
        <button type="submit" className="button primary" disabled={busy || passphrase.length === 0}>
          {busy && <Spinner />}
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </AccessPanel>
  );
}
