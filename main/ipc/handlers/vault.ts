import type { VaultStatus } from '../../../preload/contract';
import type { WorkbenchSession } from '../../core/session';
import type { HandlersFor } from './types';

function status(session: WorkbenchSession): VaultStatus {
  return { state: session.state(), location: session.location };
}

export const vaultHandlers: HandlersFor<'vault'> = {
  'vault:status': (_request, session) => status(session),
  'vault:create': async ({ passphrase }, session) => {
    await session.create(passphrase);
    return status(session);
  },
  'vault:unlock': async ({ passphrase }, session) => {
    await session.unlock(passphrase);
    return status(session);
  },
  'vault:lock': (_request, session) => {
    session.lock('user');
    return status(session);
  },
  'vault:rekey': ({ current, next }, session) => session.rekey(current, next),
  'vault:info': (_request, session) => session.requireVault().info(),
  'vault:activity': (_request, session) => session.activity(),
};
