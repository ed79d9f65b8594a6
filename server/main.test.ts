import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { JOBS_SCHEMA } from './platform/jobs/index.js';

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
      // With several serving processes, the primary's line (once every one of them listens).
      const match = (env.WEB_CONCURRENCY ? /"processes":\d+,"msg":"OpenDVC đang chạy \/ is running: http:\/\/localhost:(\d+)/ : /is running: http:\/\/localhost:(\d+)/).exec(output);
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

/** One request on a connection of its own (so that the shared port hands it to the next process). */
function getOnce(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 10000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
  });
}

/** The serving processes a primary started (Linux: its children running server/main.ts, not the simulators). */
function childrenOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  const pids = text === '' ? [] : text.split(/\s+/).map(Number);
  return pids.filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('/server/main.ts\0start');
    } catch {
      return false;
    }
  });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const templatePg = inject('templatePgDatabase');
if (templatePg && process.env.DATABASE_URL) describe('npm start with WEB_CONCURRENCY=2 (PostgreSQL)', () => {
  it('creates the job queues once, serves from two processes sharing the port, counts both in /metrics, replaces one that is killed, and stops both on SIGTERM', async () => {
    const name = `${templatePg}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templatePg}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    // As after `npm run db:migrate` on a new database: no job schema yet. The first process
    // creates it and the queues once (two serving processes creating them at once can deadlock).
    const fresh = new pg.Client({ connectionString: url.toString() });
    await fresh.connect();
    await fresh.query(`DROP SCHEMA ${JOBS_SCHEMA} CASCADE`);
    await fresh.end();
    let server: ReturnType<typeof startServer> | undefined;
    try {
      server = startServer({ DATABASE_URL: url.toString(), WEB_CONCURRENCY: '2', JOBS_WORKER: 'false' });
      const base = await server.url;
      const primary = server.child.pid!;
      const first = childrenOf(primary);
      expect(first).toHaveLength(2);
      expect(server.output()).toContain('"processes":2');
      const queues = new pg.Client({ connectionString: url.toString() });
      await queues.connect();
      const created = await queues.query(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.queue`);
      await queues.end();
      expect(created.rows[0].n).toBeGreaterThan(5);

      // Each request on its own connection: the connections go to the processes in turn, and the
      // metrics answered by either count the requests of both.
      for (let i = 0; i < 40; i++) expect(await getOnce(`${base}/healthz`)).toBe(200);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const served = Number(/opendvc_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} (\d+)/.exec(metrics)?.[1]);
      expect(served).toBe(40);
      expect(metrics).toMatch(/^opendvc_db_up 1$/m);

      // A serving process killed outright is replaced; once the primary has seen it stop (a
      // connection handed to it in the same instant is lost with it), the other one answers
      // every request while the replacement starts.
      process.kill(first[0]!, 'SIGKILL');
      await until('the primary noticing', () => (server!.output().includes('a serving process stopped; starting another') ? true : undefined));
      for (let i = 0; i < 10; i++) expect(await getOnce(`${base}/healthz`)).toBe(200);
      const replaced = await until('a new serving process', () => {
        const now = childrenOf(primary);
        return now.length === 2 && !now.includes(first[0]!) ? now : undefined;
      });
      expect(replaced).toContain(first[1]);
      // While the replacement starts, a scrape answers at once with the processes that listen
      // (the one starting has no metrics yet and is not waited for).
      const scrapeStarted = Date.now();
      const during = await fetch(`${base}/metrics`);
      expect(during.status).toBe(200);
      expect(Date.now() - scrapeStarted).toBeLessThan(3000);
      const survivorServed = Number(/opendvc_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} (\d+)/.exec(await during.text())?.[1]);
      expect(survivorServed).toBeGreaterThanOrEqual(10);
      await until('the new process answering', async () => {
        const codes = await Promise.all(Array.from({ length: 4 }, () => getOnce(`${base}/readyz`)));
        return codes.every((c) => c === 200) ? true : undefined;
      });

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (server?.child.exitCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 240000);
});
else describe('npm start with WEB_CONCURRENCY=2 (embedded database)', () => {
  it('refuses: the embedded database opens in one process only', async () => {
    const server = startServer({ WEB_CONCURRENCY: '2' });
    await expect(server.url).rejects.toThrow(/WEB_CONCURRENCY: lớn hơn 1 cần PostgreSQL/);
    expect(await server.exited).toBe(1);
  });
});
