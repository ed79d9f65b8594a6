/**
 * One process at a time may open the embedded database folder. The lock is a file created
 * atomically (O_EXCL) holding the owner's process id and host. A lock whose owner is no longer
 * running on this host is taken over, so a crash never blocks the next start.
 *
 * Not a time-based lock on purpose: PGlite runs on the event loop, and a busy start (initdb,
 * migrations, a large import) can block it for many seconds; a lock refreshed by a timer would
 * then look stale and a second process could open the same folder.
 */
import fs from 'node:fs';
import os from 'node:os';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** The lock file's state: undefined when there is none, else its owner (when readable) and whether it is still held. */
function lockState(lockPath: string): { held: boolean; owner?: LockOwner } | undefined {
  const stat = fs.statSync(lockPath, { throwIfNoEntry: false });
  if (!stat) return undefined;
  const owner = readOwner(lockPath);
  // An unreadable file younger than a few seconds may still be being written by its owner.
  const held = owner ? owner.host !== os.hostname() || isRunning(owner.pid) : Date.now() - stat.mtimeMs <= 5000;
  return { held, owner };
}

/**
 * Whether the lock is held: its owner still runs on this host (or runs on another host), or the
 * file is being written. False when there is no lock or its owner has ended. (The browser tests'
 * set-up removes only the data folders of earlier runs that no process holds.)
 */
export function isDataDirLockHeld(lockPath: string): boolean {
  return lockState(lockPath)?.held ?? false;
}

/** Takes the lock or throws an error whose `owner` tells who holds it. Returns the release function. */
export function acquireDataDirLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
      fs.writeSync(fd, JSON.stringify(owner));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const state = lockState(lockPath);
      if (!state) continue; // released meanwhile: try again
      const { owner } = state;
      if (state.held) throw Object.assign(new Error(`data folder is locked by process ${owner?.pid ?? '?'} on ${owner?.host ?? '?'}`), { owner });
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error('could not take the data folder lock');
}
