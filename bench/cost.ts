/**
 * BENCH_ONLY=cost: the server CPU time per request (issue 18, item 1) of `/healthz`, a bare
 * Fastify route (another process), a signed-in applicant's and official's `GET /api/v1/me`, an
 * official's read (`GET /api/v1/me/notifications`) and the public `GET /api/v1/procedures/{code}`
 * (plain, and revalidated with `If-None-Match` → 304), on PostgreSQL. Targets: a signed-in read
 * ≤ 3× `/healthz`, a public catalogue read ≤ 2×.
 * BENCH_ONLY=embedded: catalogue reads (procedure list and detail) on embedded PGlite (item 5),
 * target ≥ 1,000 req/s each.
 * CPU per request is read from /proc (user + system time of the server process over the run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, connections, duration, load, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';
import { signIn } from './inbox.js';
import { atLeast, atMost } from './report.js';
import { DEMO_PASSWORD } from '../server/modules/identity/identity.seed.js';

const PORT = Number(process.env.BENCH_COST_PORT ?? 4451);
const BARE_PORT = Number(process.env.BENCH_COST_BARE_PORT ?? PORT + 1);
const PROCEDURE = '1.010721';
// Seeding at start takes minutes on a busy 2-core machine.
const READY_TIMEOUT_MS = 600_000;

/** Signs an applicant in (password only) like the portal does; returns the Cookie header. */
export async function signInApplicant(port: number, login: string): Promise<string> {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const csrfRes = await fetch(`${base}/auth/csrf`);
  const csrf = /csrf=([^;]+)/.exec(csrfRes.headers.getSetCookie().join('\n'))?.[1];
  if (!csrf) throw new Error('no csrf cookie');
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  const session = /opendvc_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
  if (!res.ok || !session) throw new Error(`sign-in of ${login} answered ${res.status}: ${await res.text()}`);
  return `csrf=${csrf}; opendvc_session=${session}`;
}

async function measureOne(name: string, port: number, paths: string[], pid: number | undefined, headers?: Record<string, string>, clients = connections): Promise<Figures> {
  for (const p of paths) {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers });
    if (!res.ok && res.status !== 304) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
  }
  await load(`${name} (warm-up)`, port, paths, Math.min(3, duration), { headers, record: false, connections: clients });
  return load(name, port, paths, duration, { headers, serverPid: pid, connections: clients });
}

/** A procedure code of the seeded catalogue (the first search hit when the usual one is absent). */
async function someProcedure(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/procedures/${PROCEDURE}`);
  if (res.ok) return PROCEDURE;
  const list = (await (await fetch(`http://127.0.0.1:${port}/api/v1/procedures?pageSize=1`)).json()) as { items: { code: string }[] };
  return list.items[0]!.code;
}

export async function benchCost(): Promise<Figures[]> {
  console.log(`\nPer-request cost (server CPU ms per request), PostgreSQL, ${connections} connections, ${duration} s per route, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const results: Figures[] = [];
  const bare = startServer(['bench/bare-server.ts'], { PORT: String(BARE_PORT) });
  try {
    await waitReady(BARE_PORT, '/ping');
    results.push(await measureOne('bare Fastify route (own process)', BARE_PORT, ['/ping'], bare.pid));
  } finally {
    await stop(bare);
  }
  await withFreshDatabase('opendvc_bench_cost', async (url) => {
    await cli(['db', 'migrate'], url);
    const server = startServer(['server/main.ts', 'start'], { PORT: String(PORT), DATABASE_URL: url, SEED_ON_START: 'true' });
    try {
      await waitReady(PORT, '/readyz', READY_TIMEOUT_MS);
      const code = await someProcedure(PORT);
      const detail = `/api/v1/procedures/${encodeURIComponent(code)}`;
      const etag = (await fetch(`http://127.0.0.1:${PORT}${detail}`)).headers.get('etag');
      const applicant = { cookie: await signInApplicant(PORT, 'citizen@demo.opendvc.vn') };
      const official = { cookie: await signIn(PORT, 'specialist@demo.opendvc.vn') };
      const healthz = await measureOne('/healthz', PORT, ['/healthz'], server.pid);
      const rows: [string, string, Record<string, string> | undefined, number][] = [
        ['applicant, GET /api/v1/me', '/api/v1/me', applicant, 3],
        ['official, GET /api/v1/me', '/api/v1/me', official, 3],
        ['official, GET /api/v1/me/notifications', '/api/v1/me/notifications', official, 3],
        ['public, GET /api/v1/procedures/{code}', detail, undefined, 2],
      ];
      if (etag) rows.push(['public, GET /api/v1/procedures/{code} with If-None-Match (304)', detail, { 'if-none-match': etag }, 2]);
      results.push(healthz);
      const base = healthz.serverCpuMs ?? Number.NaN;
      for (const [name, p, headers, factor] of rows) {
        const f = await measureOne(name, PORT, [p], server.pid, headers);
        // 304 Not Modified is the expected answer to a revalidation, not a failure.
        if (headers?.['if-none-match']) f.non2xx = 0;
        results.push(f);
        const ratio = (f.serverCpuMs ?? Number.NaN) / base;
        atMost({
          issue: '18', name: `CPU per request, ${name}, × /healthz (${f.serverCpuMs?.toFixed(2)} vs ${base.toFixed(2)} ms)`, value: ratio, unit: '×', limit: factor,
          note: ratio <= factor ? '' : name.includes('procedures') ? 'the detail is served from the per-node cache; what remains is routing, hooks, serialisation' : 'above /me: the route\'s own database statements and the answer\'s serialisation',
        });
      }
      if (!etag) atMost({ issue: '18', name: 'procedure detail sends a strong ETag', value: 1, unit: '', limit: 0, note: 'no ETag header on GET /api/v1/procedures/{code}' });
    } finally {
      await stop(server);
    }
  });
  return results;
}

export async function benchEmbedded(): Promise<Figures[]> {
  console.log(`\nEmbedded mode (PGlite): catalogue reads, ${connections} connections, ${duration} s each, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const results: Figures[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-embedded-'));
  const server = startServer(['server/main.ts', 'start'], { PORT: String(PORT), DATA_DIR: dataDir, SEED_ON_START: 'true', DATABASE_URL: '' });
  try {
    await waitReady(PORT, '/readyz', READY_TIMEOUT_MS);
    const code = await someProcedure(PORT);
    const list = await fetch(`http://127.0.0.1:${PORT}/api/v1/procedures?page=1&pageSize=20`);
    if (!list.ok) throw new Error(`procedure list answered ${list.status}`);
    for (const [name, paths] of [
      ['PGlite, procedure list (GET /api/v1/procedures, pages 1–3)', ['/api/v1/procedures?page=1&pageSize=20', '/api/v1/procedures?page=2&pageSize=20', '/api/v1/procedures?page=3&pageSize=20']],
      ['PGlite, procedure detail (GET /api/v1/procedures/{code})', [`/api/v1/procedures/${encodeURIComponent(code)}`]],
    ] as const) {
      const f = await measureOne(name, PORT, [...paths], server.pid);
      results.push(f);
      atLeast({ issue: '18', name: `embedded mode: ${name}`, value: f.rps, unit: 'req/s', limit: 1000, note: f.rps >= 1000 ? '' : `p95 ${f.p95.toFixed(1)} ms; CPU ${f.serverCpuMs?.toFixed(2)} ms/request` });
    }
  } finally {
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
