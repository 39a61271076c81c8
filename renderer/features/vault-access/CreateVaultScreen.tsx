import { useId, useMemo, useState, type FormEvent } from 'react';
import { AccessPanel } from '../../components/AccessPanel';
import { Notice } from '../../components/Notice';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Spinner } from '../../components/Spinner';
import { estimatePassphraseStrength, MIN_PASSPHRASE_LENGTH } from './passphrase-strength';
import { StrengthMeter } from './StrengthMeter';
import { useVaultStore } from './vault-store';

export function CreateVaultScreen() {
  const hintId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, error, location, create } = useVaultStore();
  const strength = useMemo(() => estimatePassphraseStrength(passphrase), [passphrase]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
      setFormError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    } else if (passphrase !== confirmation) {
      setFormError('The passphrases do not match.');
    } else {
      setFormError(null);
      void create(passphrase);
    }
  }

  const shownError = formError ?? error?.text;
  return (
    <AccessPanel title="Create your vault" location={location}>
      <p className="lead">
        Everything you import, triage and write is kept in an encrypted vault on this machine. Choose a passphrase
        to protect it.
      </p>
      <form onSubmit={submit} noValidate>
        <PassphraseInput
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          autoFocus
          disabled={busy}
          describedBy={hintId}
        />
        <StrengthMeter id={hintId} strength={strength} />
        <PassphraseInput
          label="Confirm passphrase"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          disabled={busy}
          invalid={confirmation.length > 0 && confirmation !== passphrase}
        />
        <Notice tone="info">
          <strong>The passphrase cannot be recovered.</strong> It is never stored or sent anywhere; if you forget it,
          the vault and everything in it are lost. Keep it in your organisation&apos;s password manager.
        </Notice>
        {shownError && <Notice tone="error">{shownError}</Notice>}
        <button type="submit" className="button primary" disabled={busy}>
          {busy && <Spinner />}
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
    </AccessPanel>
  );
}
