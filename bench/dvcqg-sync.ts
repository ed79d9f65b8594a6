/**
 * National portal sync throughput and lag (issue 14), on PostgreSQL against the portal
 * simulator answering every call in BENCH_DVCQG_DELAY_MS (default 200 ms), the sync keeping
 * BENCH_DVCQG_CONCURRENCY dossiers in flight (DVCQG_CONCURRENCY, default 32 here):
 *  1. steady load: BENCH_DVCQG_RATE status changes per second (default 50) for BENCH_DVCQG_SECONDS
 *     (default 20) over fresh dossiers; drained = changes accepted by the portal per second while
 *     the load runs; lag = from each change to its step being accepted by the portal;
 *  2. outage: the portal is down for BENCH_DVCQG_OUTAGE_SECONDS (default 20) under the same load;
 *     recovery = from the portal's return until every change is at the portal, without operator action
 *     (the sync probes a portal that is out every 30 s at most, so recovery starts within 30 s).
 * A ten-minute outage is run on a moved clock by the acceptance test file (real minutes here).
 * Also the acceptance check at scale: BENCH_DVCQG_DOSSIERS (default 1000) would be
 * `DVCQG_ACCEPTANCE_DOSSIERS=1000 npx vitest run server/modules/integration/e2e/dvcqg-sync.e2e.test.ts`.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../server/platform/config/config.js';
import { openPostgres, queryRows } from '../server/platform/db/create-database.js';
import { migrateDatabase } from '../server/platform/db/migrate.js';
import { seedModules } from '../server/composition.js';
import { createConsumerRunner } from '../server/platform/events/index.js';
import { createPortalClient, createPortalSync, createPortalSyncConsumer } from '../server/modules/integration/index.js';
import { createIdentityRepository } from '../server/modules/identity/identity.repository.js';
import { fileDossier, moveDossier, moves, startSimulator } from '../server/modules/integration/e2e/dvcqg.fixtures.js';
import { withFreshDatabase } from './harness.js';

const rate = Number(process.env.BENCH_DVCQG_RATE ?? 50);
const seconds = Number(process.env.BENCH_DVCQG_SECONDS ?? 20);
const outageSeconds = Number(process.env.BENCH_DVCQG_OUTAGE_SECONDS ?? 20);
const delayMs = Number(process.env.BENCH_DVCQG_DELAY_MS ?? 200);
const concurrency = Number(process.env.BENCH_DVCQG_CONCURRENCY ?? 32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

export async function benchDvcqgSync() {
  const sim = await startSimulator();
  try {
    return await withFreshDatabase('opendvc_bench_dvcqg', async (url) => {
      const handle = openPostgres(url, 20);
      try {
        const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DVCQG_BASE_URL: sim.baseUrl, DVCQG_BACKOFF_MS: '1000', DVCQG_CONCURRENCY: String(concurrency), DVCQG_TIMEOUT_MS: '5000', SIGNING_DEMO_PKI: 'false' });
        await migrateDatabase(handle);
        await seedModules({ db: handle.db, config, demo: true, report: () => {} });
        const db = handle.db;
        const identity = createIdentityRepository({ db });
        const actors = { official: (await identity.getUserByEmail('officer@demo.opendvc.vn'))!.id, citizen: (await identity.getUserByEmail('citizen@demo.opendvc.vn'))!.id };
        const log = pino({ level: 'silent' });
        const runner = createConsumerRunner({ db, consumers: [createPortalSyncConsumer(config)], backoffMs: 1000, logger: log });
        const sync = createPortalSync({ db, config, client: createPortalClient({ ...config, dvcqgBaseUrl: sim.baseUrl }), logger: log });
        runner.start(200);
        sync.start(200);
        await sim.faults({ delayMs });

        let n = 0;
        /** Changes at `rate` per second for `secs`: every dossier is filed, received and started (3 changes). */
        async function load(secs: number) {
          const started = Date.now();
          const ids: string[] = [];
          for (let i = 0; i < rate * secs; i++) {
            const due = started + (i * 1000) / rate;
            if (due > Date.now()) await sleep(due - Date.now());
            const k = i % 3;
            if (k === 0) ids.push(await fileDossier(db, { code: `000.00.01.G99-261204-${String(++n).padStart(6, '0')}`, at: new Date() }));
            else await moveDossier(db, ids.at(-1)!, k === 1 ? moves.receive : moves.start, new Date(), actors);
          }
          return (rate * secs) / ((Date.now() - started) / 1000);
        }
        async function pending() {
          const [r] = await queryRows<{ n: string }>(db, sql`SELECT (SELECT count(*) FROM dvcqg_sync_steps WHERE NOT synced) + (SELECT count(*) FROM dossier_events e WHERE NOT EXISTS (SELECT 1 FROM dvcqg_sync_steps s WHERE s.event_id = e.id)) AS n`);
          return Number(r!.n);
        }
        async function settle(limitMs: number) {
          const t0 = Date.now();
          while (Date.now() - t0 < limitMs) {
            if ((await pending()) === 0) return Date.now() - t0;
            await sleep(100);
          }
          return Number.NaN;
        }
        async function lags(since: Date) {
          const rows = await queryRows<{ ms: string }>(db, sql`SELECT extract(epoch FROM (s.synced_at - e.at)) * 1000 AS ms FROM dvcqg_sync_steps s JOIN dossier_events e ON e.id = s.event_id WHERE e.at >= ${since} AND s.synced`);
          return rows.map((r) => Number(r.ms));
        }

        async function syncedBetween(from: Date, to: Date) {
          const [r] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM dvcqg_sync_steps WHERE synced AND synced_at >= ${from} AND synced_at < ${to}`);
          return Number(r!.n);
        }

        console.log(`\nNational portal sync: ${rate} changes/s for ${seconds} s, portal answering in ${delayMs} ms, ${concurrency} dossiers in flight`);
        const steadyFrom = new Date();
        const achieved = await load(seconds);
        const loadEnded = new Date();
        const backlogAtEnd = await pending();
        const drainMs = await settle(120_000);
        const steady = await lags(steadyFrom);
        const drained = (await syncedBetween(steadyFrom, loadEnded)) / ((loadEnded.getTime() - steadyFrom.getTime()) / 1000);
        console.log(`  offered ${achieved.toFixed(1)} changes/s; drained ${drained.toFixed(1)} changes/s while offered; backlog at the last change ${backlogAtEnd}; all at the portal ${Number.isNaN(drainMs) ? 'NOT within 120 s' : `${(drainMs / 1000).toFixed(1)} s after the last change`}`);
        console.log(`  lag change → portal: p50 ${pct(steady, 50).toFixed(0)} ms, p95 ${pct(steady, 95).toFixed(0)} ms, max ${pct(steady, 100).toFixed(0)} ms (${steady.length} steps)`);

        console.log(`Outage: the portal is down for ${outageSeconds} s under the same load`);
        await sim.faults({ delayMs, downForSeconds: outageSeconds });
        const outageEnds = Date.now() + outageSeconds * 1000;
        await load(outageSeconds);
        if (Date.now() < outageEnds) await sleep(outageEnds - Date.now());
        const backlog = await pending();
        const recoveryMs = await settle(15 * 60_000);
        const [dead] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM dvcqg_sync_dossiers WHERE state = 'DEAD'`);
        console.log(`  backlog when the portal came back: ${backlog} changes; all at the portal ${Number.isNaN(recoveryMs) ? 'NOT within 15 min' : `${(recoveryMs / 1000).toFixed(1)} s later`}, without operator action; dead letters: ${dead!.n}`);
        const [{ calls, duplicateSteps }] = [await sim.stats()] as [{ calls: number; duplicateSteps: number }];
        console.log(`  portal calls: ${calls}; steps sent twice: ${duplicateSteps}`);
        await runner.stop();
        await sync.stop();
        return { achieved, drained, steadyP50: pct(steady, 50), steadyP95: pct(steady, 95), recoveryMs, rate, delayMs };
      } finally {
        await handle.close();
      }
    });
  } finally {
    await sim.stop();
  }
}
