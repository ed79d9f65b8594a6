/**
 * Where a worker node's CPU goes: the process's CPU time (user + system) shared out among the
 * units of background work running at each moment — each queue's jobs, each event consumer's
 * claims. Between two starts or ends of a unit, the CPU used is split evenly over the units then
 * running (a unit running twice at once counts twice); CPU used while none runs (HTTP requests,
 * the consumers' look for due partitions, pg-boss's maintenance) is `other`. The sum is the
 * process's CPU since start. Node runs one thread of JavaScript, so units that overlap take turns
 * on it: the even split is an estimate of each one's share, exact when they do not overlap.
 * `/metrics` publishes it (opendvc_worker_cpu_seconds_total, opendvc_worker_items_total) and the
 * jobs bench prints CPU per job and per event from it.
 */

export interface CpuShareEntry {
  /** CPU charged to the unit, ms. */
  cpuMs: number;
  /** Jobs or events it handled. */
  items: number;
}

export const OTHER_CPU = 'other';

function createCpuShare() {
  const active = new Map<string, number>();
  let running = 0;
  const totals = new Map<string, CpuShareEntry>();
  let last = process.cpuUsage();
  const entry = (unit: string) => {
    let e = totals.get(unit);
    if (!e) totals.set(unit, (e = { cpuMs: 0, items: 0 }));
    return e;
  };
  const flush = () => {
    const now = process.cpuUsage();
    const ms = (now.user - last.user + now.system - last.system) / 1000;
    last = now;
    if (running === 0) entry(OTHER_CPU).cpuMs += ms;
    else for (const [unit, n] of active) entry(unit).cpuMs += (ms * n) / running;
  };
  return {
    /** A unit starts; the returned function ends it, counting `items` handled. */
    begin(unit: string): (items?: number) => void {
      flush();
      active.set(unit, (active.get(unit) ?? 0) + 1);
      running += 1;
      let ended = false;
      return (items = 0) => {
        if (ended) return;
        ended = true;
        flush();
        const n = (active.get(unit) ?? 1) - 1;
        if (n > 0) active.set(unit, n);
        else active.delete(unit);
        running -= 1;
        entry(unit).items += items;
      };
    },
    /** CPU per unit so far (the running units' share up to now included). */
    snapshot(): Record<string, CpuShareEntry> {
      flush();
      return Object.fromEntries([...totals].map(([unit, e]) => [unit, { ...e }]));
    },
  };
}

/** The process's one account. */
export const workerCpu = createCpuShare();
