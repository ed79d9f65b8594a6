/**
 * Statistics (issue 16) on PostgreSQL: BENCH_STATISTICS_DOSSIERS facts (default 1,000,000)
 * generated in a fresh database over three years, every unit, field and procedure of the seeded
 * catalogue; then, against the app on 127.0.0.1 with 10 clients, the year's resolution report
 * grouped by unit and by field (target p95 < 200 ms) and the public figures (target < 20 ms);
 * then the cost of keeping the fact table: the dossier writes of a submission and reception
 * (dossier row + events, in one transaction each, as the use cases write them) timed with and
 * without the statistics consumer folding the same events afterwards (target ≤ 10 %).
 *   BENCH_STATISTICS_DOSSIERS (default 1000000), BENCH_STATISTICS_WRITES (default 2000),
 *   BENCH_DURATION (s, default 10); BENCH_KEEP_DATABASE=1 keeps the generated database (its URL is
 *   printed) and BENCH_STATISTICS_DATABASE_URL runs the measures on such a kept database instead
 *   of generating one (the upkeep measure adds its dossiers to it).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../server/platform/db/create-database.js';
import { createConsumerRunner } from '../server/platform/events/consumer-runner.js';
import { createId } from '../server/platform/db/ids.js';
import { appendDossierEvent, dossiersTable } from '../server/modules/dossiers/index.js';
import { createStatisticsConsumer, rebuildCounts } from '../server/modules/statistics/index.js';
import { cli, duration, load, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';
import { signIn } from './inbox.js';

export const REPORT_P95_TARGET_MS = 200;
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
/** One line per figure: the measure beside its target, and the machine's load when measured. */
const verdict = (name: string, p95: number, limit: number) =>
  `  ${p95 < limit ? 'PASS' : 'MISS'} ${name}: p95 ${p95.toFixed(1)} ms (target < ${limit} ms; load average ${loadAverage()})`;
export const PUBLIC_P95_TARGET_MS = 20;
const PORT = Number(process.env.BENCH_STATISTICS_PORT ?? 4480);

/** N fact rows (and PAID marks for about a third) generated in SQL, over 2024-01-01 … 2026-12-31, and their daily counts. */
export async function generateFacts(client: pg.Client, n: number, url: string) {
  const started = Date.now();
  await client.query(`
    CREATE TEMP TABLE bench_procs AS
      SELECT row_number() OVER (ORDER BY p.id) AS i, p.id, p.field_code, s.online_level IN ('PARTIAL','FULL') AS online,
             (SELECT c.id FROM procedure_cases c WHERE c.version_id = s.version_id ORDER BY c.sort_order LIMIT 1) AS case_id
        FROM procedures p JOIN procedure_search s ON s.procedure_id = p.id;
    CREATE TEMP TABLE bench_units AS SELECT row_number() OVER (ORDER BY id) AS i, id FROM agencies WHERE NOT external;`);
  const batch = 100_000;
  for (let from = 0; from < n; from += batch) {
    const to = Math.min(n, from + batch);
    await client.query(`
      INSERT INTO statistics_dossier_facts (dossier_id, channel, unit_id, receiving_unit_id, field_code, procedure_id, case_id, procedure_online,
        filed_on, received_on, due_at, overdue_from, outcome, ended_on, resolved_at, timeliness, returned_on, supplement_rounds,
        payment_requested, paid_online, fees_paid, rating, rated_on, apology_on, demo, last_position)
      SELECT 'bench-' || g, ch, u.id, u.id, p.field_code, p.id, p.case_id, p.online,
             rd, rd, (rd + lim) + time '16:00', rd + lim + 1,
             CASE WHEN endr < 0.85 AND rd + dur <= date '2026-12-31' THEN 'RESOLVED' WHEN endr > 0.97 THEN 'WITHDRAWN' END,
             CASE WHEN endr < 0.85 AND rd + dur <= date '2026-12-31' THEN rd + dur WHEN endr > 0.97 THEN rd + 2 END,
             CASE WHEN endr < 0.85 AND rd + dur <= date '2026-12-31' THEN (rd + dur) + time '10:00' END,
             CASE WHEN endr < 0.85 AND rd + dur <= date '2026-12-31' THEN CASE WHEN dur < lim THEN 'EARLY' WHEN dur = lim THEN 'ON_TIME' ELSE 'LATE' END END,
             NULL, (random() < 0.1)::int, random() < 0.3, random() < 0.2, 0,
             CASE WHEN random() < 0.3 THEN 1 + floor(random() * 5)::int END, NULL, NULL, true, 0
        FROM (SELECT g, date '2024-01-01' + floor(random() * 1096)::int AS rd, 5 + floor(random() * 40)::int AS lim,
                     1 + floor(random() * 50)::int AS dur, random() AS endr,
                     (ARRAY['ONLINE','ONLINE','COUNTER','POST','NATIONAL_PORTAL'])[1 + floor(random() * 5)::int] AS ch,
                     1 + floor(random() * (SELECT count(*) FROM bench_procs))::int AS pi, 1 + floor(random() * (SELECT count(*) FROM bench_units))::int AS ui
                FROM generate_series(${from + 1}, ${to}) g) x
        JOIN bench_procs p ON p.i = x.pi JOIN bench_units u ON u.i = x.ui`);
  }
  await client.query(`UPDATE statistics_dossier_facts SET rated_on = ended_on WHERE rating IS NOT NULL AND ended_on IS NOT NULL AND dossier_id LIKE 'bench-%';
    UPDATE statistics_dossier_facts SET rating = NULL WHERE rated_on IS NULL AND dossier_id LIKE 'bench-%';
    INSERT INTO statistics_dossier_marks (dossier_id, seq, kind, start_on, end_on, amount, online)
      SELECT dossier_id, 1, 'PAID', filed_on + 1, filed_on + 1, 500000, paid_online FROM statistics_dossier_facts WHERE payment_requested AND dossier_id LIKE 'bench-%';
    UPDATE statistics_dossier_facts SET payment_days = 1 WHERE payment_requested AND dossier_id LIKE 'bench-%';
    ANALYZE statistics_dossier_facts; ANALYZE statistics_dossier_marks;`);
  // The daily counts the reports sum, as the projection keeps them (statistics.rules.ts contributions).
  const handle = openPostgres(url, 1);
  try {
    await rebuildCounts(handle.db);
  } finally {
    await handle.close();
  }
  await client.query('ANALYZE statistics_daily_counts; ANALYZE statistics_monthly_counts; ANALYZE statistics_month_states');
  const { rows } = await client.query<{ d: string; m: string; s: string; h: string | null }>(`SELECT (SELECT count(*) FROM statistics_daily_counts)::text AS d, (SELECT count(*) FROM statistics_monthly_counts)::text AS m,
    (SELECT count(*) FROM statistics_month_states)::text AS s, (SELECT month::text FROM statistics_count_horizon WHERE id = 1) AS h`);
  console.log(`  counts: ${rows[0]!.d} daily rows, ${rows[0]!.m} monthly rows, ${rows[0]!.s} month-end state rows (up to ${rows[0]!.h})`);
  return Date.now() - started;
}

/** Dossier writes (submission + reception events) with and without the statistics consumer after them. */
async function submissionCost(url: string, count: number) {
  const handle = openPostgres(url, 5);
  try {
    const db = handle.db;
    const [kase] = (await db.execute(sql`SELECT c.id AS case_id, c.version_id, v.procedure_id FROM procedure_cases c JOIN procedure_versions v ON v.id = c.version_id LIMIT 1`) as unknown as { rows: { case_id: string; version_id: string; procedure_id: string }[] }).rows;
    const [unit] = (await db.execute(sql`SELECT id FROM agencies WHERE NOT external LIMIT 1`) as unknown as { rows: { id: string }[] }).rows;
    const write = async () => {
      const id = createId('dos');
      await db.transaction(async (tx) => {
        const now = new Date();
        await tx.insert(dossiersTable).values({ id, code: `BENCH-${id}`, procedureId: kase!.procedure_id, versionId: kase!.version_id, caseId: kase!.case_id, applicant: { fullName: 'Bench' }, channel: 'ONLINE', status: 'SUBMITTED', receivingUnitId: unit!.id, submittedAt: now });
        await appendDossierEvent(tx, { dossierId: id, action: 'dossier.submitted', actorUserId: null, actorRole: 'APPLICANT', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', payload: { code: `BENCH-${id}`, channel: 'ONLINE', appointmentAt: now.toISOString() } });
      });
      await db.transaction(async (tx) => {
        await tx.update(dossiersTable).set({ status: 'RECEIVED', receivedAt: new Date(), dueAt: new Date(Date.now() + 10 * 86_400_000) }).where(sql`id = ${id}`);
        await appendDossierEvent(tx, { dossierId: id, action: 'dossier.received', actorUserId: null, actorRole: 'ONE_STOP_OFFICER', fromStatus: 'SUBMITTED', toStatus: 'RECEIVED' });
      });
    };
    const runner = createConsumerRunner({ db, consumers: [createStatisticsConsumer()], batchSize: 500 });
    await runner.drain();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await write();
    const writesMs = performance.now() - t0;
    const t1 = performance.now();
    const drained = await runner.drain();
    const consumerMs = performance.now() - t1;
    return { writesMs, consumerMs, events: drained.processed };
  } finally {
    await handle.close();
  }
}

export async function benchStatistics(): Promise<{ figures: Figures[]; targets: { name: string; p95: number; limitMs: number }[]; upkeepSharePercent: number; writes: number }> {
  const n = Number(process.env.BENCH_STATISTICS_DOSSIERS ?? 1_000_000);
  const writes = Number(process.env.BENCH_STATISTICS_WRITES ?? 2000);
  const figures: Figures[] = [];
  const targets: { name: string; p95: number; limitMs: number }[] = [];
  const kept = process.env.BENCH_STATISTICS_DATABASE_URL;
  let upkeepSharePercent = Number.NaN;
  const run = async (url: string, secrets: Record<string, string>) => {
    const server = startServer(['server/main.ts', 'start'], { PORT: String(PORT), DATABASE_URL: url, SEED_ON_START: 'false', JOBS_WORKER: 'false', ...secrets });
    try {
      await waitReady(PORT);
      const cookie = await signIn(PORT, 'leader@demo.opendvc.vn');
      const year = '2026';
      for (const groupBy of ['unit', 'field'] as const) {
        const path = `/api/v1/statistics/resolution?from=${year}-01-01&to=${year}-12-31&groupBy=${groupBy}`;
        const check = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { cookie } });
        if (!check.ok) throw new Error(`${path} answered ${check.status}: ${await check.text()}`);
        const name = `statistics report, year by ${groupBy}, ${n} dossiers`;
        await load(`${name} (warm-up)`, PORT, [path], Math.min(3, duration), { connections: 10, headers: { cookie }, record: false });
        const f = await load(name, PORT, [path], duration, { connections: 10, headers: { cookie }, serverPid: server.pid });
        figures.push(f);
        targets.push({ name: f.name, p95: f.p95, limitMs: REPORT_P95_TARGET_MS });
        console.log(verdict(f.name, f.p95, REPORT_P95_TARGET_MS));
      }
      await load('public statistics (warm-up)', PORT, ['/api/v1/public/statistics'], Math.min(3, duration), { connections: 10, record: false });
      const pub = await load('public statistics', PORT, ['/api/v1/public/statistics'], duration, { connections: 10, serverPid: server.pid });
      figures.push(pub);
      targets.push({ name: pub.name, p95: pub.p95, limitMs: PUBLIC_P95_TARGET_MS });
      console.log(verdict(pub.name, pub.p95, PUBLIC_P95_TARGET_MS));
    } finally {
      await stop(server);
    }
    const cost = await submissionCost(url, writes);
    const share = (cost.consumerMs / cost.writesMs) * 100;
    upkeepSharePercent = share;
    console.log(`  fact table upkeep: ${writes} submissions + receptions written in ${cost.writesMs.toFixed(0)} ms (${(writes / (cost.writesMs / 1000)).toFixed(0)}/s); the statistics consumer folded their ${cost.events} events in ${cost.consumerMs.toFixed(0)} ms = ${share.toFixed(1)} % of the write time (target ≤ 10 %: ${share <= 10 ? 'met' : 'NOT met'}; load average ${loadAverage()})`);
  };
  if (kept) {
    // A database kept by an earlier run (BENCH_KEEP_DATABASE=1): the server reads the seed's secrets the same way the seed did (SECRETS_KEY, else the data folder's key).
    console.log(`\nStatistics: on the kept database ${kept}`);
    await run(kept, process.env.SECRETS_KEY ? { SECRETS_KEY: process.env.SECRETS_KEY } : {});
  } else {
  await withFreshDatabase('opendvc_bench_stats', async (url) => {
    // One secrets key for the seed and the server (the seed seals demo secrets the server must read at sign-in).
    const secrets = { SECRETS_KEY: randomBytes(32).toString('base64') };
    await cli(['db', 'migrate'], url, secrets);
    await cli(['db', 'seed'], url, secrets);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      console.log(`\nStatistics: generating ${n} dossiers' facts…`);
      console.log(`  generated in ${((await generateFacts(client, n, url)) / 1000).toFixed(1)} s`);
    } finally {
      await client.end();
    }
    await run(url, secrets);
  }, { keep: process.env.BENCH_KEEP_DATABASE === '1' });
  }
  return { figures, targets, upkeepSharePercent, writes };
}
