/**
 * npm run bench — catalogue search throughput and latency on PostgreSQL and on embedded PGlite,
 * beside a bare Fastify route measured in the same run as the machine's reference.
 * Servers run as child processes on 127.0.0.1; autocannon drives them from this process.
 * Search is measured with the per-node answer cache off (every request reaches the database)
 * and on (the default, 60 s).
 *   BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 20),
 *   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test; a fresh database is created and dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tsx = path.join(root, 'node_modules/.bin/tsx');

const searchPaths = [
  '/api/v1/procedures?q=khai%20thac%20nuoc%20mat',
  '/api/v1/procedures?q=giay%20phep%20moi%20truong',
  '/api/v1/procedures?q=xuat%20khau%20chat%20thai',
  '/api/v1/procedures?q=khoang%20san&page=2&pageSize=5',
  '/api/v1/procedures?q=d%C3%B2%20%C4%91%E1%BA%A1c%20b%E1%BA%A3n%20%C4%91%E1%BB%93',
  '/api/v1/procedures?field=TAI_NGUYEN_NUOC',
  '/api/v1/procedures?q=nuoc%20duoi%20dat&level=PARTIAL',
];

interface Figures { name: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number }

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(name: string, port: number, paths: string[], seconds: number, record = true): Promise<Figures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const figures = {
    name,
    requests: result.requests.total,
    rps: result.requests.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  if (record) console.log(`  ${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`);
  return figures;
}

// node with tsx's loader, not the tsx wrapper: the child PID is then the server itself, so a
// SIGTERM reaches it and its exit means the database folder's lock is released.
function startServer(script: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...script], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test', LOG_PRETTY: 'false', PUBLIC_URL: 'http://127.0.0.1', WEB_BUILD_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '100000000', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function waitReady(port: number, pathName = '/readyz', timeoutMs = 120000) {
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

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function measure(name: string, child: ChildProcess, port: number, paths: string[], readyPath?: string) {
  try {
    await waitReady(port, readyPath);
    // Sanity: every path answers 200 before measuring.
    for (const p of paths) {
      const res = await fetch(`http://127.0.0.1:${port}${p}`);
      if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    }
    await load(`${name} (warm-up)`, port, paths, Math.min(3, duration), false);
    return await load(name, port, paths, duration);
  } finally {
    await stop(child);
  }
}

const results: Figures[] = [];
console.log(`OpenDVC bench: ${connections} connections, ${duration} s per target, ${os.cpus().length} cores, Node ${process.version}`);

// 1. Reference: a bare Fastify route on this machine.
results.push(await measure('bare Fastify route', startServer(['bench/bare-server.ts'], { PORT: '3301' }), 3301, ['/ping'], '/ping'));

// 2. Embedded PGlite (fresh folder, migrated and seeded at start).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-'));
try {
  for (const [label, cache] of [['no cache', '0'], ['cache 60 s', '60']] as const) {
    results.push(await measure(`catalogue search, PGlite, ${label}`, startServer(['server/main.ts', 'start'], { PORT: '3302', DATA_DIR: dataDir, SEED_ON_START: 'true', DATABASE_URL: '', SEARCH_CACHE_SECONDS: cache }), 3302, searchPaths));
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// 3. PostgreSQL (fresh database).
const dbName = `opendvc_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
try {
  await new Promise<void>((resolve, reject) => {
    const m = spawn(tsx, ['server/cli.ts', 'db', 'migrate'], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'inherit' });
    m.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('migrate failed'))));
  });
  for (const [label, cache] of [['no cache', '0'], ['cache 60 s', '60']] as const) {
    results.push(await measure(`catalogue search, PostgreSQL, ${label}`, startServer(['server/main.ts', 'start'], { PORT: '3303', DATABASE_URL: url.toString(), SEED_ON_START: 'true', SEARCH_CACHE_SECONDS: cache }), 3303, searchPaths));
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

console.log('\n| target | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.non2xx} |`);
for (const r of results.filter((x) => x.name.includes('PostgreSQL'))) {
  console.log(`Target p95 < 20 ms at ${connections} clients — ${r.name}: ${r.p95 < 20 ? 'met' : 'NOT met'} (${r.p95.toFixed(1)} ms)`);
}
if (results.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
