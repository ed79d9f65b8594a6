import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, isDataDirLockHeld } from './data-dir-lock.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-dirlock-'));
const lockPath = path.join(dir, 'pglite.lock');
afterEach(() => fs.rmSync(lockPath, { force: true }));

describe('data folder lock', () => {
  it('refuses a second holder while the owner runs, and frees the folder on release', () => {
    const release = acquireDataDirLock(lockPath);
    expect(() => acquireDataDirLock(lockPath)).toThrow(/locked by process \d+/);
    release();
    expect(fs.existsSync(lockPath)).toBe(false);
    acquireDataDirLock(lockPath)();
  });

  it('takes over a lock left by a process that is no longer running', () => {
    const finished = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: finished.pid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    const release = acquireDataDirLock(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('respects a lock held by a running process on this host', () => {
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    expect(() => acquireDataDirLock(lockPath)).toThrow(/locked/);
  });

  it('tells whether the folder is held: by a running owner, not when free or abandoned', () => {
    expect(isDataDirLockHeld(lockPath)).toBe(false);
    const release = acquireDataDirLock(lockPath);
    expect(isDataDirLockHeld(lockPath)).toBe(true);
    release();
    const finished = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: finished.pid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    expect(isDataDirLockHeld(lockPath)).toBe(false);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    expect(isDataDirLockHeld(lockPath)).toBe(true);
  });
});
