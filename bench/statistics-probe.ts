/**
 * One report at a time on N generated facts (no HTTP): the query's own latency, for the bench notes.
 *   BENCH_STATISTICS_DOSSIERS (default 200000); BENCH_KEEP_DATABASE=1 keeps the generated database
 *   (its URL is printed); BENCH_STATISTICS_DATABASE_URL probes a kept database instead of generating one.
 */
import pg from 'pg';
import { openPostgres } from '../server/platform/db/create-database.js';
import { resolutionReport } from '../server/modules/statistics/index.js';
import { cli, withFreshDatabase } from './harness.js';
import { generateFacts } from './statistics.js';

const n = Number(process.env.BENCH_STATISTICS_DOSSIERS ?? 200_000);
const kept = process.env.BENCH_STATISTICS_DATABASE_URL;
const probe = async (url: string) => {
  const handle = openPostgres(url, 2);
  try {
    for (const groupBy of ['unit', 'field'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await resolutionReport(handle.db, { period: { from: '2026-01-01', to: '2026-12-31' }, groupBy, scope: 'ALL' });
        times.push(performance.now() - t);
      }
      console.log(`report year by ${groupBy}, ${n} facts, one at a time: ${times.map((x) => x.toFixed(0)).join(', ')} ms`);
    }
  } finally {
    await handle.close();
  }
};
if (kept) await probe(kept);
else {
  await withFreshDatabase('opendvc_stats_probe', async (url) => {
    await cli(['db', 'migrate'], url);
    await cli(['db', 'seed'], url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await generateFacts(client, n, url);
    await client.end();
    await probe(url);
  }, { keep: process.env.BENCH_KEEP_DATABASE === '1' });
}
