/**
 * pg-boss's cron clock, with its question "did this schedule tick in the last minute?" answered by
 * a search bounded to that minute.
 *
 * On the worker node whose turn it is (one per `cronMonitorIntervalSeconds` in the cluster, 10 s by
 * default here), pg-boss reads the schedules and, for each, parses its expression and asks
 * cron-parser for its previous tick (`Timekeeper.shouldSendIt`). With a time zone, cron-parser 4
 * searches back from now through luxon date arithmetic, step by step, down to that tick: for an
 * hourly schedule up to an hour back, for a daily one up to a day. Measured on a 2-core machine
 * (`npx tsx bench/cron-check.ts`): 1 to 11 ms per schedule at the median, up to 34 ms, about 40 ms
 * for one look at the six schedules of an installation, all on the event loop, so every request
 * that node was serving waited that long every ten seconds. Bounded: about 2 ms per look.
 *
 * The bounded search asks cron-parser the same thing with `startDate` one minute before the
 * database's time: a backward search stops with "Out of the timespan range" once it passes that
 * date, before reaching any earlier tick. It walks the same steps as pg-boss's search until then,
 * so it finds the same tick when that tick lies within the minute, and otherwise stops, which
 * means the answer is no (the previous tick is more than 60 s old). A five-field expression is
 * searched from just after the last whole minute (see `tickedWithinLastMinute`). The answers are
 * compared with pg-boss's own in cron-clock.test.ts (expressions with steps, lists, `L` and `#`,
 * instants around minute and day boundaries, clock skews).
 */
import { createRequire } from 'node:module';

interface CronDateLike {
  getTime(): number;
}
interface CronParser {
  parseExpression(expression: string, options: { tz?: string; currentDate?: Date; startDate?: Date }): { prev(): CronDateLike };
}
interface TimekeeperPrototype {
  shouldSendIt(this: { clockSkew: number }, cron: string, tz: string): boolean;
}

// pg-boss's own copies: its Timekeeper (no types; not in its public exports) and the cron-parser it uses.
const fromBoss = createRequire(createRequire(import.meta.url).resolve('pg-boss'));
const cronParser = fromBoss('cron-parser') as CronParser;
const timekeeperPrototype = (fromBoss('./timekeeper.js') as { prototype: TimekeeperPrototype }).prototype;

/** A tick lies at or after this many ms before the database's time for pg-boss to send it. */
const WINDOW_MS = 60_000;
const OUT_OF_RANGE = 'Out of the timespan range';

/**
 * pg-boss's rule, as `Timekeeper.shouldSendIt` states it: the expression's previous tick before
 * `now` (this node's clock) is less than 60 s before the database's time (`now + clockSkew`).
 * Searches back no further than the window.
 */
export function tickedWithinLastMinute(cron: string, tz: string, now: number, clockSkew: number): boolean {
  const databaseTime = now + clockSkew;
  const since = databaseTime - WINDOW_MS;
  // Every tick before now is then at least 60 s before the database's time.
  if (since >= now) return false;
  // An expression of five fields ticks on whole minutes only: its previous tick before now is its
  // previous one before the first second after the last whole minute before now. cron-parser steps
  // back one second at a time while the seconds do not match, so from there it takes one step
  // instead of up to 59 (5 ms for "* * * * *" on this machine).
  const intoMinute = ((now % WINDOW_MS) + WINDOW_MS) % WINDOW_MS;
  const lastWholeMinute = now - (intoMinute === 0 ? WINDOW_MS : intoMinute);
  const from = wholeMinutesOnly(cron) && now - lastWholeMinute >= 1000 ? lastWholeMinute + 1000 : now;
  let previous: number;
  try {
    previous = cronParser.parseExpression(cron, { tz, currentDate: new Date(from), startDate: new Date(since) }).prev().getTime();
  } catch (error) {
    if (error instanceof Error && error.message === OUT_OF_RANGE) return false;
    throw error;
  }
  return (databaseTime - previous) / 1000 < 60;
}

/** Five fields (minute to day of week), no seconds field and no nickname such as `@hourly`. */
function wholeMinutesOnly(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  return fields.length === 5 && !cron.includes('@');
}

/** pg-boss's own search (unbounded): the previous tick before `now`, from which `tickedWithinLastMinute` must follow (tests, bench). */
export function previousTickUnbounded(cron: string, tz: string, now: number): number {
  return cronParser.parseExpression(cron, { tz, currentDate: new Date(now) }).prev().getTime();
}

const original = timekeeperPrototype.shouldSendIt;
// A pg-boss whose clock no longer asks this way needs this module looked at again (ADR 0003).
if (typeof original !== 'function') throw new Error('pg-boss: Timekeeper.prototype.shouldSendIt not found; see server/platform/jobs/cron-clock.ts');

/** Makes pg-boss's cron clock use the bounded search (once per process; before the job queue starts). */
export function installBoundedCronCheck(): void {
  if (timekeeperPrototype.shouldSendIt !== original) return;
  timekeeperPrototype.shouldSendIt = function shouldSendIt(this: { clockSkew: number }, cron: string, tz: string) {
    return tickedWithinLastMinute(cron, tz, Date.now(), this.clockSkew ?? 0);
  };
}

/** Whether pg-boss's clock uses the bounded search (for the tests). */
export function boundedCronCheckInstalled(): boolean {
  return timekeeperPrototype.shouldSendIt !== original;
}
