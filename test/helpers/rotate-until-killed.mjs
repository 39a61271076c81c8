// Child process for the data-key rotation crash test: rotates the vault at argv[2] from passphrase argv[3]
// to argv[4] and SIGKILLs itself just before step argv[5], as a power cut or `kill -9` would.
import { register } from 'tsx/esm/api';

register();
const { rotateDataKey } = await import('../../main/core/vault/rotate-data-key.ts');
const [location, current, next, killAt] = process.argv.slice(2);
await rotateDataKey(location, current, next, {
  actor: 'ana',
  kdf: { N: 2 ** 14, r: 8, p: 1 },
  beforeStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
