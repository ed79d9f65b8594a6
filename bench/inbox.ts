/**
 * Officials' inbox latency with BENCH_DOSSIERS dossiers (default a million) in PostgreSQL.
 * A fresh database is migrated and seeded by the CLI, filled by bench/generate-dossiers.ts, then
 * the app (a child process on 127.0.0.1) answers GET /api/v1/inbox for the demo specialist,
 * signed in with password and TOTP, under autocannon. Target: p95 < 50 ms.
 *   BENCH_DOSSIERS (default 1000000), BENCH_DEMO_UNIT_SHARE (default 0.02),
 *   BENCH_INBOX_CONNECTIONS (default 16), BENCH_DURATION (s, default 10),
 *   BENCH_INBOX_KEEP=1 (keep the generated database and print its name),
 *   BENCH_INBOX_DATABASE_URL (measure an existing, already generated database instead).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../server/platform/db/create-database.js';
import * as schema from '../server/schema.js';
import { createProcessingRepository, type InboxFilter } from '../server/modules/dossiers/dossiers.processing.repository.js';
import type { DossierStatus } from '../server/modules/dossiers/dossiers.tables.js';
import { cli, duration, load, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';
import { DEMO_UNIT_CODE, describeDossiers, generateDossiers } from './generate-dossiers.js';
import { currentTotpCode } from '../server/modules/identity/identity.totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../server/modules/identity/identity.seed.js';

export const INBOX_P95_TARGET_MS = 50;
const PORT = Number(process.env.BENCH_INBOX_PORT ?? 3304);
const SPECIALIST = 'specialist@demo.opendvc.vn';

/** A signed-in official's plain read (session and grants, then the profile: 8 queries): the floor under the inbox figures. */
const reference = { name: 'reference: signed-in official, GET /api/v1/me', path: '/api/v1/me' };

const scenarios: { name: string; path: string }[] = [
  { name: 'inbox, specialist, unit, page 1', path: '/api/v1/inbox?scope=unit&page=1&pageSize=20' },
  { name: 'inbox, specialist, mine', path: '/api/v1/inbox?scope=mine&page=1&pageSize=20' },
  { name: 'inbox, specialist, status filter', path: '/api/v1/inbox?scope=unit&status=SUPPLEMENT_REQUESTED&page=1&pageSize=20' },
  { name: 'inbox, specialist, overdue', path: '/api/v1/inbox?scope=unit&deadline=overdue&page=1&pageSize=20' },
  { name: 'inbox, specialist, field filter', path: '/api/v1/inbox?scope=unit&fieldCode=MOI_TRUONG&page=1&pageSize=20' },
  { name: 'inbox, specialist, unit, page 50', path: '/api/v1/inbox?scope=unit&page=50&pageSize=20' },
];

/** Cookies of a response, as name → value. */
function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    out[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1).trim();
  }
  return out;
}

/** Signs an official in (password + TOTP) like the portal does; returns the Cookie header. */
export async function signIn(port: number, login: string): Promise<string> {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const csrf = cookiesOf(await fetch(`${base}/auth/csrf`)).csrf;
  if (!csrf) throw new Error('no csrf cookie');
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ login, password: DEMO_PASSWORD, otp: await currentTotpCode(DEMO_TOTP_SECRET) }),
    });
    const session = cookiesOf(res).opendvc_session;
    if (res.ok && session) return `csrf=${csrf}; opendvc_session=${session}`;
    const body = await res.text();
    // A code is accepted once per time step: wait for the next step and try again.
    if (attempt === 0 && body.includes('otp_invalid')) {
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
      continue;
    }
    throw new Error(`sign-in of ${login} answered ${res.status}: ${body}`);
  }
  throw new Error(`sign-in of ${login} failed`);
}

/** Each scenario as the inbox repository's filter (what GET /api/v1/inbox asks it for). */
function filterOf(path: string, grants: InboxFilter['grants'], userId: string): InboxFilter {
  const q = new URL(path, 'http://x').searchParams;
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('pageSize') ?? 20);
  const status = q.get('status');
  return {
    grants, userId, scope: q.get('scope') === 'mine' ? 'mine' : 'unit',
    statuses: status ? [status as DossierStatus] : undefined,
    fieldCode: q.get('fieldCode') ?? undefined,
    procedureCode: q.get('procedureCode') ?? undefined,
    deadline: q.get('deadline') === 'overdue' ? { before: new Date() } : undefined,
    limit: pageSize, offset: (page - 1) * pageSize,
  };
}

/**
 * EXPLAIN (ANALYZE) of the SQL the inbox repository emits for each scenario (captured through
 * Drizzle's logger, then explained with the same parameters), once each, with a warm cache.
 */
export async function explainInbox(url: string, userId: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const captured: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Database;
    const grants = (await pool.query(`SELECT unit_agency_id AS "unitId", role, field_codes AS "fieldCodes" FROM role_grants WHERE user_id = $1`, [userId])).rows as InboxFilter['grants'];
    const repo = createProcessingRepository({ db });
    console.log('  EXPLAIN (ANALYZE) of the inbox SQL (page and total), once each, warm cache:');
    for (const s of scenarios) {
      captured.length = 0;
      await repo.listInbox(filterOf(s.path, grants, userId));
      const parts: string[] = [];
      for (const c of captured) {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${c.sql}`, c.params);
        const plan = (rows[0] as { 'QUERY PLAN': [{ 'Execution Time': number; Plan: Record<string, unknown> }] })['QUERY PLAN'][0];
        const nodes: string[] = [];
        const walk = (n: Record<string, unknown>) => {
          if (n['Relation Name'] === 'dossiers' || n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort') {
            nodes.push(`${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''} (${n['Actual Rows']} rows)`);
          }
          for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk(plan.Plan);
        const label = /count\(/i.test(c.sql) ? (/ limit /i.test(c.sql) ? 'page and total' : 'total') : 'page';
        parts.push(`${label} ${plan['Execution Time'].toFixed(1)} ms [${nodes.join(', ')}]`);
      }
      console.log(`    ${s.name}: ${parts.join('; ')}`);
    }
  } finally {
    await pool.end();
  }
}

export async function benchInbox(): Promise<Figures[]> {
  const count = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  const demoUnitShare = Number(process.env.BENCH_DEMO_UNIT_SHARE ?? 0.02);
  const clients = Number(process.env.BENCH_INBOX_CONNECTIONS ?? 16);
  const existing = process.env.BENCH_INBOX_DATABASE_URL;
  console.log(`\nInbox: ${existing ? 'an existing database' : `${count.toLocaleString('en')} dossiers in a fresh PostgreSQL database`}, ${clients} connections, ${duration} s per target`);
  const withDatabase = existing
    ? <T>(fn: (url: string) => Promise<T>) => fn(existing)
    : <T>(fn: (url: string) => Promise<T>) => withFreshDatabase('opendvc_bench_inbox', fn, { keep: process.env.BENCH_INBOX_KEEP === '1' });
  return withDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    try {
      if (existing) {
        await client.connect();
        console.log('  BENCH_INBOX_DATABASE_URL: measuring the dossiers already there (no generation)');
      } else {
        await cli(['db', 'migrate'], url);
        await cli(['db', 'seed'], url);
        await client.connect();
        const generated = await generateDossiers(client, { count, demoUnitShare });
        console.log(`  generated ${generated.dossiers.toLocaleString('en')} dossiers in ${(generated.ms.total / 1000).toFixed(1)} s (insert ${(generated.ms.insert / 1000).toFixed(1)} s, VACUUM ANALYZE ${(generated.ms.vacuumAnalyze / 1000).toFixed(1)} s)`);
      }
      const summary = await describeDossiers(client);
      const inboxTotal = Object.values(summary.demoUnitOpenByRole).reduce((a, b) => a + b, 0);
      console.log(`  ${summary.dossiers.toLocaleString('en')} dossiers; demo unit ${DEMO_UNIT_CODE}: ${summary.demoUnitDossiers.toLocaleString('en')} received, ${inboxTotal.toLocaleString('en')} open in its inbox (${Object.entries(summary.demoUnitOpenByRole).map(([r, n]) => `${r} ${n}`).join(', ')}); ${summary.assignedToDemoSpecialist} assigned to the demo specialist`);

      const server = startServer(['server/main.ts', 'start'], { PORT: String(PORT), DATABASE_URL: url, SEED_ON_START: 'false' });
      const results: Figures[] = [];
      try {
        await waitReady(PORT);
        const cookie = await signIn(PORT, SPECIALIST);
        const headers = { cookie };
        const me = await fetch(`http://127.0.0.1:${PORT}/api/v1/me`, { headers });
        if (!me.ok) throw new Error(`GET /api/v1/me after sign-in answered ${me.status}`);
        // Sanity: every path answers 200 with a page of the expected shape before measuring.
        let routeMissing = false;
        for (const s of scenarios) {
          const res = await fetch(`http://127.0.0.1:${PORT}${s.path}`, { headers });
          if (res.status === 404 && (await res.text()).includes('request.route_not_found')) {
            routeMissing = true;
            break;
          }
          if (!res.ok) throw new Error(`${s.path} answered ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { items: unknown[]; total: number };
          console.log(`  ${s.name}: total ${body.total}, ${body.items.length} items on the page`);
        }
        if (routeMissing) {
          console.log('  GET /api/v1/inbox is not served by this checkout: no HTTP figures, SQL only.');
          process.exitCode = 1;
        }
        for (const s of routeMissing ? [] : [reference, ...scenarios]) {
          await load(`${s.name} (warm-up)`, PORT, [s.path], Math.min(3, duration), { connections: clients, headers, record: false });
          results.push(await load(s.name, PORT, [s.path], duration, { connections: clients, headers, serverPid: server.pid }));
        }
        // One official at a time: the latency of a page without queueing behind other requests.
        if (!routeMissing) results.push(await load(`${scenarios[0]!.name}, 1 client`, PORT, [scenarios[0]!.path], duration, { connections: 1, headers, serverPid: server.pid }));
      } finally {
        // Let the requests autocannon left in flight finish before the server closes its pool.
        await new Promise((r) => setTimeout(r, 2000));
        await stop(server);
      }
      const userId = (await client.query(`SELECT id FROM users WHERE email = $1`, [SPECIALIST])).rows[0].id as string;
      await explainInbox(url, userId);
      return results;
    } finally {
      await client.end();
    }
  });
}
