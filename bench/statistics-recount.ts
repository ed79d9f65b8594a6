/**
 * Sums the counts of a kept bench database afresh from its facts (after a change to the count
 * tables; bench/statistics-probe.ts BENCH_KEEP_DATABASE): URL=… npx tsx bench/statistics-recount.ts
 */
import { openPostgres } from '../server/platform/db/create-database.js';
import { rebuildCounts } from '../server/modules/statistics/index.js';

const handle = openPostgres(process.env.URL!, 1);
try {
  const t = performance.now();
  await handle.db.transaction(async (tx) => rebuildCounts(tx));
  console.log(`counts rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
} finally {
  await handle.close();
}
