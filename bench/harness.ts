/**
 * What every part of `npm run bench` shares: servers as child processes on 127.0.0.1, autocannon
 * load with latency percentiles, fresh PostgreSQL databases, and the CLI's migrate and seed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { seededRandom } from '../common/seeded-random.js';

export const root = path.resolve(import.meta.dirname, '..');
export const duration = Number(process.env.BENCH_DURATION ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
export const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tsx = path.join(root, 'node_modules/.bin/tsx');

export interface Figures {
  name: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number;
  /** CPU time of the server process (all its threads) per request, ms: robust to other load on the machine. */
  serverCpuMs?: number;
}

export interface LoadOptions {
  /** Connections for this target (default BENCH_CONNECTIONS). */
  connections?: number;
  /** Sent with every request, e.g. a session cookie. */
  headers?: Record<string, string>;
  /** Print the figures (false for a warm-up). */
  record?: boolean;
  /** The server's PID, to report its CPU time per request. */
  serverPid?: number;
  /**
   * How each client goes through `paths`: `cycle` (autocannon's way: every client asks them in
   * the list's order, so clients that start together stay in step) or `random` (each request
   * picks one of them at random, independently of every other request, as users who do not wait
   * for each other do; seeded, so a run's draws are the same sequence).
   */
  mix?: 'cycle' | 'random';
}

const clockTick = 100; // USER_HZ on Linux

/** User + system CPU time of a process so far, ms (undefined where /proc is missing). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTick;
  } catch {
    return undefined;
  }
}

/** CPU time of a process and of every process under it (a node's serving processes, WEB_CONCURRENCY), in ms. */
export function processTreeCpuMs(pid: number | undefined): number | undefined {
  const own = processCpuMs(pid);
  if (own === undefined) return undefined;
  let children: number[] = [];
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    children = text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    // No list of children: the process alone.
  }
  return children.reduce((sum, child) => sum + (processTreeCpuMs(child) ?? 0), own);
}

/** The `p`-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function load(name: string, port: number, paths: string[], seconds: number, { connections: clients = connections, headers, record = true, serverPid, mix = 'cycle' }: LoadOptions = {}): Promise<Figures> {
  const latencies: number[] = [];
  const draw = seededRandom(20261206);
  const requests = mix === 'random'
    ? [{ method: 'GET' as const, path: paths[0]!, setupRequest: (request: { path?: string }) => ({ ...request, path: paths[Math.floor(draw() * paths.length)]! }) }]
    : paths.map((p) => ({ method: 'GET' as const, path: p }));
  const cpuBefore = processTreeCpuMs(serverPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections: clients, duration: seconds, headers, requests },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const cpuAfter = processTreeCpuMs(serverPid);
  const figures: Figures = {
    name,
    requests: result.requests.total,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCpuMs: cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : undefined,
  };
  const cpu = figures.serverCpuMs !== undefined ? `, server CPU ${figures.serverCpuMs.toFixed(2)} ms/request` : '';
  if (record) console.log(`  ${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms${cpu}`);
  return figures;
}

// node with tsx's loader, not the tsx wrapper: the child PID is then the server itself, so a
// SIGTERM reaches it and its exit means the database folder's lock is released.
// BENCH_SERVER_NODE_ARGS (space-separated) go to the servers' node only (not this process), e.g.
// to profile them: '--cpu-prof --cpu-prof-dir=/tmp/prof' (written when the server exits after
// SIGTERM), or '--import ./bench/pg-trace.ts' with PG_TRACE_FILE to count their SQL statements.
export function startServer(script: string[], env: Record<string, string>): ChildProcess {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, ...script], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test', LOG_PRETTY: 'false', HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1', WEB_BUILD_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '100000000', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

export async function waitReady(port: number, pathName = '/readyz', timeoutMs = 120000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${pathName}`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} not ready in time`);
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * `npm run cli -- <args>` against a database; rejects on a non-zero exit. It runs under the same
 * NODE_ENV as the servers `startServer` starts, so both seal and open secrets with the same key.
 */
export function cli(args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const m = spawn(tsx, ['server/cli.ts', ...args], { cwd: root, env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, ...env }, stdio: 'inherit' });
    m.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${args.join(' ')} failed (${code})`))));
  });
}

/** Runs `fn` with a fresh PostgreSQL database (created on PG_ADMIN_URL's server), dropped afterwards unless kept. */
export async function withFreshDatabase<T>(prefix: string, fn: (url: string) => Promise<T>, { keep = false } = {}): Promise<T> {
  const dbName = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  try {
    return await fn(url.toString());
  } finally {
    if (keep) console.log(`  kept database ${url.toString()}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
