/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement of the 2026 year report (WHAT=unit|field|procedure|case) or the
 * public figures (WHAT=public) on a kept bench database (URL=…, see bench/statistics-probe.ts BENCH_KEEP_DATABASE):
 * each statement runs explained, then for real (the next statements need its answer). LINES (default 8), FULL=1.
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '../server/platform/db/create-database.js';
import { resolutionReport, publicStatistics } from '../server/modules/statistics/index.js';
const url = process.env.URL!;
const h = openPostgres(url, 1);
const what = process.env.WHAT ?? 'unit';
const fake: any = { execute: async (q: any) => {
  const r: any = await h.db.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${q}`);
  const text = r.rows.map((x: any) => x['QUERY PLAN']).join('\n');
  console.log(process.env.FULL ? text : text.split('\n').filter((l: string) => /Execution Time|Planning Time|^\S/.test(l) || l.includes('rows=') && l.length < 400).slice(0, Number(process.env.LINES ?? 8)).join('\n'));
  console.log('-----');
  return h.db.execute(q);
} };
if (what === 'public') await publicStatistics(fake, new Date('2026-12-05T00:00:00Z'));
else await resolutionReport(fake, { period: { from: '2026-01-01', to: '2026-12-31' }, groupBy: what as any, scope: 'ALL' });
await h.close();
