import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../common/seeded-random.js';
import { boundedCronCheckInstalled, installBoundedCronCheck, tickedWithinLastMinute, previousTickUnbounded } from './cron-clock.js';
import { SCHEDULE_TIME_ZONE } from './job-queue.js';

// The defaults of the installation's schedules (server/platform/config/config.ts), and expressions
// with steps, ranges, lists, the last day of the month, the nth weekday and the weekend.
const expressions = [
  '15 * * * *', '40 2 * * *', '*/15 * * * *', '30 2 * * *', '* * * * *', '30 1 * * *',
  '0 0 * * *', '59 23 * * *', '*/7 8-17 * * 1-5', '5,35 */2 * * *', '0 12 L * *', '0 9 * * 1#2', '0 0 * * 6,0',
  // With seconds, and a nickname: ticks not only on whole minutes, or written otherwise.
  '30 */5 * * * *', '@hourly',
];

const minute = 60_000;

describe('pg-boss cron clock: a schedule ticked in the last minute', () => {
  it('answers as pg-boss answers, at instants around minutes, hours and days, with clock skews', () => {
    const draw = seededRandom(20261207);
    // Around minute starts, 17:00 UTC (midnight in Viet Nam), a year's end and a month's end.
    const bases = [Date.UTC(2026, 11, 7, 2, 15), Date.UTC(2026, 11, 7, 17, 0), Date.UTC(2026, 11, 31, 16, 59), Date.UTC(2027, 1, 28, 5, 0)];
    const offsets = [-minute, -1, 0, 1, 999, 1001, 30_000, minute - 1, minute];
    const skews = [0, 0, 500, -500, 59_999, 60_000, 90_000, -30_000, -90_000];
    let agreed = 0;
    let ticked = 0;
    for (const cron of expressions) {
      const instants = [...bases.flatMap((b) => offsets.map((o) => b + o)), ...Array.from({ length: 2 }, () => Date.UTC(2026, 0, 1) + Math.floor(draw() * 365 * 24 * 60) * minute + Math.floor(draw() * 3) * 20_000)];
      for (const now of instants) {
        // pg-boss's search, to the previous tick however far back (slow: once per instant).
        const previous = previousTickUnbounded(cron, SCHEDULE_TIME_ZONE, now);
        for (const skew of skews) {
          const expected = (now + skew - previous) / 1000 < 60;
          expect(tickedWithinLastMinute(cron, SCHEDULE_TIME_ZONE, now, skew), `${cron} at ${new Date(now).toISOString()}, skew ${skew} ms`).toBe(expected);
          agreed++;
          if (expected) ticked++;
        }
      }
    }
    // Both answers occur (the comparison is not of two constant falses).
    expect(ticked).toBeGreaterThan(200);
    expect(agreed - ticked).toBeGreaterThan(200);
    // pg-boss's own search costs up to tens of milliseconds per instant, more on a busy machine.
  }, 120_000);

  it('ticks in the minute after a tick, in Viet Nam time, and not in the minute before it', () => {
    // 02:40 in Viet Nam is 19:40 UTC the day before.
    const tick = Date.UTC(2026, 11, 6, 19, 40);
    expect(tickedWithinLastMinute('40 2 * * *', SCHEDULE_TIME_ZONE, tick + 1000, 0)).toBe(true);
    expect(tickedWithinLastMinute('40 2 * * *', SCHEDULE_TIME_ZONE, tick + minute - 1000, 0)).toBe(true);
    expect(tickedWithinLastMinute('40 2 * * *', SCHEDULE_TIME_ZONE, tick + minute + 1000, 0)).toBe(false);
    expect(tickedWithinLastMinute('40 2 * * *', SCHEDULE_TIME_ZONE, tick - 1000, 0)).toBe(false);
    // The same UTC instant, read as 02:40 UTC, is not a tick of the Viet Nam schedule.
    expect(tickedWithinLastMinute('40 2 * * *', SCHEDULE_TIME_ZONE, Date.UTC(2026, 11, 7, 2, 40, 1), 0)).toBe(false);
  });

  it('still refuses an expression pg-boss refuses', () => {
    expect(() => tickedWithinLastMinute('61 * * * *', SCHEDULE_TIME_ZONE, Date.now(), 0)).toThrow();
  });

  it('replaces pg-boss\'s check once, however often it is installed (job-queue.test.ts sees the real clock send a tick)', () => {
    installBoundedCronCheck();
    installBoundedCronCheck();
    expect(boundedCronCheckInstalled()).toBe(true);
  });
});
