/**
 * What pg-boss's cron clock costs a worker node's event loop each time it looks for due ticks
 * (every `cronMonitorIntervalSeconds`, 10 s by default, on one worker node of the cluster): for
 * each schedule of a default installation, pg-boss's own search back to the previous tick beside
 * the search bounded to the last minute that the job queue installs (server/platform/jobs/cron-clock.ts),
 * at instants spread over the next day, and the answers of both (they must agree).
 *
 *   tsx bench/cron-check.ts                    (BENCH_RUNS instants, default 48)
 */
import { loadConfig } from '../server/platform/config/config.js';
import { previousTickUnbounded, tickedWithinLastMinute } from '../server/platform/jobs/cron-clock.js';
import { SCHEDULE_TIME_ZONE } from '../server/platform/jobs/job-queue.js';

const runs = Number(process.env.BENCH_RUNS ?? 48);
const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
// A schedule set to nothing is not written (DVCQG_CATALOGUE_PULL_CRON is written only when the national portal is configured).
const configured: [string, string | null][] = [
  ['DRAFT_SWEEP_CRON', config.draftSweepCron], ['RETENTION_CRON', config.retentionCron], ['DEADLINE_SWEEP_CRON', config.deadlineSweepCron],
  ['DVCQG_CATALOGUE_PULL_CRON', config.dvcqgCataloguePullCron], ['PAYMENT_QUERY_CRON', config.paymentQueryCron], ['PAYMENT_RECONCILE_CRON', config.paymentReconcileCron],
];
const schedules = configured.filter((s): s is [string, string] => s[1] !== null);
// Instants every half hour and a few seconds from now on, so that each lands at another second of its minute.
const start = Date.now();
const instants = Array.from({ length: runs }, (_, i) => start + i * 1_800_000 + i * 7_001);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`pg-boss cron clock, ${schedules.length} default schedules (${SCHEDULE_TIME_ZONE}), ${runs} instants over the next day: milliseconds per schedule and look, median (max)`);
let unboundedSum = 0;
let boundedSum = 0;
let disagreements = 0;
for (const [name, cron] of schedules) {
  const unbounded: number[] = [];
  const bounded: number[] = [];
  for (const now of instants) {
    let t = performance.now();
    const previous = previousTickUnbounded(cron, SCHEDULE_TIME_ZONE, now);
    const expected = (now - previous) / 1000 < 60;
    unbounded.push(performance.now() - t);
    t = performance.now();
    const answer = tickedWithinLastMinute(cron, SCHEDULE_TIME_ZONE, now, 0);
    bounded.push(performance.now() - t);
    if (answer !== expected) disagreements++;
  }
  unboundedSum += median(unbounded);
  boundedSum += median(bounded);
  console.log(`  ${name.padEnd(26)} ${cron.padEnd(14)} pg-boss's search ${median(unbounded).toFixed(2)} (${Math.max(...unbounded).toFixed(1)}), bounded ${median(bounded).toFixed(2)} (${Math.max(...bounded).toFixed(1)})`);
}
console.log(`one look at all ${schedules.length}: pg-boss's search ${unboundedSum.toFixed(1)} ms, bounded ${boundedSum.toFixed(1)} ms (sums of the medians); answers that differ: ${disagreements}`);
if (disagreements > 0) process.exitCode = 1;
