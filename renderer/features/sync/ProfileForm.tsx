import { useId, useState, type FormEvent } from 'react';
import type { SyncAddRequest, TlpLevel } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { ConnectionResult } from './ConnectionResult';
import { useSyncStore } from './sync-store';

const TLP_CHOICES: TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** Add a TAXII server profile; "Test connection" checks it before anything is saved. */
export function ProfileForm() {
  const id = useId();
  const [name, setName] = useState('');
  const [discoveryUrl, setDiscoveryUrl] = useState('');
  const [apiRootUrl, setApiRootUrl] = useState('');
  const [pushCollection, setPushCollection] = useState('');
  const [pullCollections, setPullCollections] = useState('');
  const [auth, setAuth] = useState<'none' | 'basic' | 'bearer'>('basic');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [caPem, setCaPem] = useState('');
  const [tlpMax, setTlpMax] = useState<TlpLevel>('green');
  const { test, addError, testConnection, addProfile } = useSyncStore();

  const draft = (): Omit<SyncAddRequest, 'name' | 'tlpMax'> => ({
    discoveryUrl: discoveryUrl.trim(),
    ...(apiRootUrl.trim() ? { apiRootUrl: apiRootUrl.trim() } : {}),
    pushCollection: pushCollection.trim(),
    pullCollections: pullCollections.split(/[\s,]+/).filter(Boolean),
    credentials: auth === 'basic' ? { kind: 'basic', user, password: secret } : auth === 'bearer' ? { kind: 'bearer', token: secret } : { kind: 'none' },
    ...(caPem.trim() ? { caPem: caPem.trim() } : {}),
  });
  const complete = discoveryUrl.trim() && pushCollection.trim() && (auth === 'none' || (secret && (auth === 'bearer' || user)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!complete || !name.trim()) return;
    if (await addProfile({ name: name.trim(), tlpMax, ...draft() })) {
      setName('');
      setSecret('');
    }
  }

  return (
    <form className="settings-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a TAXII server</h2>
      <p className="muted">The password or token is kept only inside the encrypted vault.</p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Profile name</label>
        <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Discovery URL</label>
        <input id={`${id}-url`} type="text" inputMode="url" value={discoveryUrl} onChange={(e) => setDiscoveryUrl(e.target.value)} placeholder="https://hub.example.org/taxii2/" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-root`}>API root URL (optional)</label>
        <input id={`${id}-root`} type="text" inputMode="url" value={apiRootUrl} onChange={(e) => setApiRootUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-push`}>Publish to collection</label>
        <input id={`${id}-push`} type="text" value={pushCollection} onChange={(e) => setPushCollection(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pull`}>Pull from collections (optional, comma-separated)</label>
        <input id={`${id}-pull`} type="text" value={pullCollections} onChange={(e) => setPullCollections(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-auth`}>Authentication</label>
        <select id={`${id}-auth`} value={auth} onChange={(e) => setAuth(e.target.value as typeof auth)}>
          <option value="basic">User name and password</option>
          <option value="bearer">Bearer token</option>
          <option value="none">None</option>
        </select>
      </div>
      {auth === 'basic' && (
        <div className="field">
          <label htmlFor={`${id}-user`}>User name</label>
          <input id={`${id}-user`} type="text" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
        </div>
      )}
      {auth !== 'none' && (
        <div className="field">
          <label htmlFor={`${id}-secret`}>{auth === 'basic' ? 'Password' : 'Token'}</label>
          <input id={`${id}-secret`} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-ca`}>CA certificate (PEM, optional)</label>
        <textarea id={`${id}-ca`} rows={3} value={caPem} onChange={(e) => setCaPem(e.target.value)} spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tlp`}>Highest TLP ever sent to this server</label>
        <select id={`${id}-tlp`} value={tlpMax} onChange={(e) => setTlpMax(e.target.value as TlpLevel)}>
          {TLP_CHOICES.map((level) => (
            <option key={level} value={level}>
              TLP:{level.toUpperCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <button type="button" className="button" disabled={!complete || test.kind === 'testing'} onClick={() => void testConnection(draft())}>
          Test connection
        </button>
        <button type="submit" className="button primary" disabled={!complete || !name.trim()}>
          Add server
        </button>
      </div>
      {test.kind === 'testing' && <p className="muted" role="status">Testing…</p>}
      {test.kind === 'failed' && <Notice tone="error">{test.message}</Notice>}
      {test.kind === 'done' && <ConnectionResult report={test.report} />}
      {addError && <Notice tone="error">{addError}</Notice>}
    </form>
  );
}
