import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../errors';
import { fsyncDirectorySync } from './atomic-write';
import { vaultPaths } from './paths';

/** Files a rotation keeps while it runs; their presence after a crash tells recovery what to do. */
export function rotationFiles(location: string) {
  const paths = vaultPaths(location);
  return {
    paths,
    /** A byte copy of vault.db under the old data key, taken before the database is re-encrypted. */
    oldKeyCopy: `${paths.db}.old-key`,
    /** The new keyring (new data key, new passphrase); renamed over keyring.json to commit. */
    nextKeyring: `${paths.keyring}.next`,
    /** Holds the rotating process's pid: recovery leaves a live rotation alone. */
    lock: path.join(paths.dir, 'rotate-data-key.lock'),
  };
}

/**
 * Finishes or undoes a rotation a crash interrupted (called before a vault's keyring is read). A rotation
 * still running in a live process is left alone. Returns what it did.
 */
export function recoverInterruptedRotation(location: string): 'none' | 'rolled-back' | 'completed' {
  const files = rotationFiles(location);
  const hasCopy = fs.existsSync(files.oldKeyCopy);
  const hasNext = fs.existsSync(files.nextKeyring);
  if (!hasCopy && !hasNext) {
    // Killed after taking the lock and before copying anything: only the lock is left.
    if (fs.existsSync(files.lock) && !isHeldByLiveProcess(files.lock)) fs.rmSync(files.lock, { force: true });
    return 'none';
  }
  if (isHeldByLiveProcess(files.lock)) throw new WorkbenchError('BUSY', 'The vault is busy in another window or command; try again.');
  if (hasNext) {
    rollBack(files);
    fs.rmSync(files.lock, { force: true });
    return 'rolled-back';
  }
  // keyring.json was replaced (the commit): the copy under the old key is all that is left to remove.
  fs.rmSync(files.oldKeyCopy, { force: true });
  fs.rmSync(files.lock, { force: true });
  return 'completed';
}

/** Puts vault.db back as it was under the old key and drops the staged keyring. */
export function rollBack(files: ReturnType<typeof rotationFiles>): void {
  if (fs.existsSync(files.oldKeyCopy)) {
    // A rollback journal left by an interrupted rekey belongs to the re-encrypted file, not to the copy.
    fs.rmSync(`${files.paths.db}-journal`, { force: true });
    for (const file of [files.paths.wal, files.paths.shm]) fs.rmSync(file, { force: true });
    fs.renameSync(files.oldKeyCopy, files.paths.db);
  }
  fs.rmSync(files.nextKeyring, { force: true });
  fsyncDirectorySync(files.paths.dir);
}

/** Whether the pid in a rotation lock file is a running process (this one included). */
export function isHeldByLiveProcess(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const pid = Number(text.trim() || NaN);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

