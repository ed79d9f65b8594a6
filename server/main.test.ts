import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Starts `server/main.ts` as a real process on a free port and returns its base URL. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_PRETTY: 'false', WEB_BUILD_ON_START: 'false', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150000);
    child.stdout.on('data', () => {
      const match = /is running: http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => output };
}

describe('npm start', () => {
  it('migrates and seeds the embedded database, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-main-'));
    try {
      const server = startServer({ DATA_DIR: dataDir, CATALOG_SEED_FILE: 'server/test/fixtures/mini-catalog.json' });
      const base = await server.url;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const list = (await (await fetch(`${base}/api/v1/procedures`)).json()) as { total: number };
      expect(list.total).toBe(4);
      // Each line is JSON with the request id the client saw.
      const res = await fetch(`${base}/api/v1/procedures/9.999999`, { headers: { 'x-request-id': 'test-request-42' } });
      expect(res.headers.get('x-request-id')).toBe('test-request-42');

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('"reqId":"test-request-42"');
      expect(server.output()).toContain('stopped');

      // The lock is released: the same folder opens again and the seed changes nothing.
      const again = startServer({ DATA_DIR: dataDir, CATALOG_SEED_FILE: 'server/test/fixtures/mini-catalog.json' });
      await again.url;
      expect(again.output()).toContain('"versionsUnchanged":6');
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240000);

  it('refuses to start with invalid configuration, listing every problem', async () => {
    const server = startServer({ PORT: 'abc', LOG_LEVEL: 'loud' });
    await expect(server.url).rejects.toThrow(/PORT[\s\S]*LOG_LEVEL/);
    expect(await server.exited).toBe(1);
  });
});
