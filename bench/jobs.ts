/**
 * BENCH_ONLY=jobs: background jobs beside submission, on PostgreSQL. One app node (server/main.ts)
 * takes BENCH_JOBS_RATE submissions per second (default 50) for BENCH_JOBS_SECONDS (default 10)
 * over HTTP; each submission's event is consumed (notifications) and its receipt mail goes
 * through the mail.send queue to a real SMTP server in this process. Prints the submission rate,
 * the receipt mail rate, the lag from a submission's answer to its mail (p50/p95/max) and the
 * time to drain after the last submission; then, from pg-boss's own table, per queue and in all:
 * jobs produced per second, jobs drained per second and the lag from a job's creation to its
 * completion (p95/max), with PASS/MISS beside the target (issue 19: jobs drain at least as fast as
 * 50 submissions per second produce them).
 * Drained per second is the pace of completions: jobs completed / (last completion − first
 * completion). It was measured from the first job's creation, which charged one job's latency
 * (the consumer's poll, the worker's poll, the SMTP exchange: one to three seconds) against the
 * rate of a 10 s burst, so a drain that kept pace with a constant two-second lag read as 42/s
 * for 50/s. The latency is reported on its own: lag p95/max per queue, and the tail (all out N s
 * after the last submission), which must stay under 10 s. Every event consumer is measured the
 * same way from its checkpoints, sampled every 250 ms: events of the run, produced and drained per
 * second, lag from an event's writing to its consumption (p95/max) and the time until all caught
 * up; the slowest queue or consumer (in submissions' worth per second: its items per second ÷ its
 * items per submission) is the figure held against the submission rate. The node running the
 * jobs reports its CPU per queue and per consumer (`opendvc_worker_cpu_seconds_total` on /metrics,
 * server/platform/jobs/cpu-share.ts). The app runs with the default job settings
 * (JOBS_BATCH_SIZE, JOBS_CONCURRENCY, JOBS_POLLING_INTERVAL_SECONDS) unless they are set here.
 *
 * Capacity (decided 2026-12-05, before any run of it; ADR 0005 amendment). The pace of the steady
 * burst cannot show capacity: a consumer that keeps up a batch behind completes its items at the
 * rate they are offered, never above it, so "drained per second ≥ submitted per second" reads
 * 49.9 against 50.0 with a 250 ms sampling period over 10 s, whatever the consumer could do. The
 * steady burst therefore reports lag, the time until all caught up and its pace (printed, not a
 * target), and a second phase measures capacity: every consumer starts with a backlog while the
 * submissions keep coming.
 *  - The bench holds every row of event_consumer_checkpoints `FOR UPDATE` in a transaction of its
 *    own (the runner claims with `SKIP LOCKED`, so every consumer of every node pauses) and takes
 *    BENCH_JOBS_BACKLOG_SECONDS (default 4) of submissions at the offered rate, then reads the head
 *    of each partition and commits: that moment is the release R, the events up to those heads
 *    are the backlog. The submissions go on for BENCH_JOBS_CAPACITY_SECONDS more (default 6).
 *    Both phases' drafts are made beforehand for one citizen, who may hold 1000 open drafts
 *    (MAX_OPEN_DRAFTS' ceiling): 500 for the burst leave 500 for this phase, 200 of them backlog.
 *  - A consumer's capacity = the events of the phase it consumed by the first checkpoint sample at
 *    which it covers its whole backlog, ÷ the time from R to that sample. While it has a backlog
 *    it is never waiting for events, so this is its throughput with the submissions still running
 *    beside it; it exceeds the offered rate exactly when the consumer would catch up. Its poll
 *    delay after R counts against it. If the backlog is not covered before the last submission,
 *    the figure is taken at the last sample before it and marked "backlog left" (a MISS).
 *  - Resolution: the sample that sees the backlog covered comes up to one sampling period
 *    (250 ms) after the fact, so the figure is low by at most 250 ms ÷ the drain time; the output
 *    prints that share beside each figure.
 *  - Receipt mails (the notifications consumer enqueues them, so mail.send has a backlog only when
 *    that consumer releases it): the mails of the submissions acknowledged before R are the backlog;
 *    capacity = mails of the phase received by the SMTP server from R to the last of those ÷ that
 *    time (20 ms resolution). It includes the notifications consumer's share of the path, so it is
 *    a lower bound for mail.send alone.
 *  - Figures are in submissions' worth per second (items per second ÷ items per submission of the
 *    phase) and held against the offered rate (BENCH_JOBS_RATE, 50/s, issue 19), with the rate the
 *    node acknowledged during the phase printed beside it: a node that acknowledges less leaves
 *    the consumers more processor, so only a run that acknowledges about the offered rate shows
 *    the target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../server/platform/db/create-database.js';
import { startTestSmtpServer } from '../server/test/smtp-server.js';
import { prepare } from '../scripts/faults/prepare.js';
import { processCpuMs, startServer, stop, waitReady, withFreshDatabase } from './harness.js';

const rate = Number(process.env.BENCH_JOBS_RATE ?? 50);
const seconds = Number(process.env.BENCH_JOBS_SECONDS ?? 10);
const backlogSeconds = Number(process.env.BENCH_JOBS_BACKLOG_SECONDS ?? 4);
const capacitySeconds = Number(process.env.BENCH_JOBS_CAPACITY_SECONDS ?? 6);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : Number.NaN);

interface QueueRow { name: string; produced: number; completed: number; failed: number; firstCreated: number; lastCreated: number; firstCompleted: number; lastCompleted: number; p95: number; max: number }

/** Produced and drained per second, and lag, per queue from pg-boss's tables (jobs created since `since`, archived ones included; pg-boss's own queues left out). */
async function reportQueues(url: string, since: number, offered: number, acknowledged: number): Promise<Map<string, { count: number; produced: number; drained: number }>> {
  const handle = openPostgres(url, 1);
  try {
    const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;
    const { rows } = await handle.pool!.query<QueueRow>(`
      select name, count(*)::int as produced,
             count(*) filter (where state = 'completed')::int as completed,
             count(*) filter (where state = 'failed')::int as failed,
             min(${ms('created_on')}) as "firstCreated", max(${ms('created_on')}) as "lastCreated",
             min(${ms('completed_on')}) as "firstCompleted", max(${ms('completed_on')}) as "lastCompleted",
             coalesce(percentile_cont(0.95) within group (order by ${ms('completed_on')} - ${ms('created_on')}), 0)::float8 as p95,
             coalesce(max(${ms('completed_on')} - ${ms('created_on')}), 0)::float8 as max
        from (select name, state, created_on, completed_on from pgboss.job
              union all select name, state, created_on, completed_on from pgboss.archive) j
       where created_on >= to_timestamp($1 / 1000.0) and name not like '\\_\\_pgboss%' group by name order by name`, [since]);
    const all = rows.reduce((a, r) => ({ produced: a.produced + r.produced, completed: a.completed + r.completed, first: Math.min(a.first, r.firstCreated), lastCreated: Math.max(a.lastCreated, r.lastCreated), firstCompleted: Math.min(a.firstCompleted, r.firstCompleted ?? Infinity), lastCompleted: Math.max(a.lastCompleted, r.lastCompleted ?? 0), max: Math.max(a.max, r.max) }),
      { produced: 0, completed: 0, first: Infinity, lastCreated: 0, firstCompleted: Infinity, lastCompleted: 0, max: 0 });
    const perSecond = (n: number, from: number, to: number) => (to > from ? (n / ((to - from) / 1000)).toFixed(1) : 'n/a');
    console.log(`  offered submission rate ${rate}/s, acknowledged ${acknowledged.toFixed(1)}/s (the pace of the burst below; capacity: the phase after it)`);
    console.log('  queue                         produced  produced/s  drained  drained/s  failed  lag p95   lag max');
    for (const r of rows) {
      console.log(`  ${r.name.padEnd(28)}  ${String(r.produced).padStart(8)}  ${perSecond(r.produced, r.firstCreated, r.lastCreated).padStart(10)}  ${String(r.completed).padStart(7)}  ${perSecond(r.completed, r.firstCompleted, r.lastCompleted).padStart(9)}  ${String(r.failed).padStart(6)}  ${`${Math.round(r.p95)} ms`.padStart(8)}  ${`${Math.round(r.max)} ms`.padStart(8)}`);
    }
    const drained = all.lastCompleted > all.firstCompleted ? all.completed / ((all.lastCompleted - all.firstCompleted) / 1000) : 0;
    const produced = all.lastCreated > all.first ? all.produced / ((all.lastCreated - all.first) / 1000) : 0;
    const out = new Map(rows.map((r) => [r.name, {
      count: r.produced,
      produced: r.lastCreated > r.firstCreated ? r.produced / ((r.lastCreated - r.firstCreated) / 1000) : Number.NaN,
      drained: r.lastCompleted > r.firstCompleted && r.completed === r.produced ? r.completed / ((r.lastCompleted - r.firstCompleted) / 1000) : Number.NaN,
    }]));
    console.log(`  all queues: ${all.produced} jobs produced at ${produced.toFixed(1)}/s, ${all.completed} drained at ${drained.toFixed(1)}/s, lag max ${Math.round(all.max)} ms, ${all.completed === all.produced ? 'all done' : 'NOT ALL DONE'} (a pace, not a capacity; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    return out;
  } finally {
    await handle.close();
  }
}

/** The checkpoints of every consumer: consumer → partition → position. */
async function checkpoints(handle: ReturnType<typeof openPostgres>): Promise<Map<string, Map<number, number>>> {
  const { rows } = await handle.pool!.query<{ consumer: string; partition: number; position: string }>('select consumer, partition, position::text from event_consumer_checkpoints');
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let m = out.get(r.consumer);
    if (!m) out.set(r.consumer, (m = new Map()));
    m.set(Number(r.partition), Number(r.position));
  }
  return out;
}

interface Sample { at: number; positions: Map<string, Map<number, number>>; heads: Map<number, number> }

interface ConsumerFigures { events: number; produced: number; drained: number; p95: number; max: number; done: boolean }

/**
 * Per consumer, from the checkpoints and partition heads sampled during the run: the events of the
 * run (after `fromPosition`), produced per second (first to last seen written), drained per second
 * (first to last seen consumed) and lag from the sample that saw an event written to the first
 * that saw it consumed (p95, max; to the sampling period).
 */
async function consumerFigures(handle: ReturnType<typeof openPostgres>, fromPosition: number, samples: Sample[]): Promise<Map<string, ConsumerFigures>> {
  const { rows } = await handle.pool!.query<{ position: string; partition: number }>(
    'select position::text, partition from dossier_events where position > $1 order by position', [fromPosition]);
  // An event is written by the first sample whose head of its partition reaches it (the same clock and period as its consumption).
  const events = rows.map((r) => ({ position: Number(r.position), partition: Number(r.partition) }))
    .map((e) => ({ ...e, at: samples.find((s) => (s.heads.get(e.partition) ?? 0) >= e.position)?.at ?? Number.NaN }))
    .sort((a, b) => a.at - b.at);
  const out = new Map<string, ConsumerFigures>();
  const names = [...new Set(samples.flatMap((s) => [...s.positions.keys()]))].sort();
  for (const name of names) {
    const doneAt: number[] = [];
    const lags: number[] = [];
    for (const e of events) {
      // Samples are in time order and checkpoints only move forward: the first that covers the event.
      const seen = samples.findIndex((s) => (s.positions.get(name)?.get(e.partition) ?? 0) >= e.position);
      if (seen < 0) continue;
      doneAt.push(samples[seen]!.at);
      lags.push(Math.max(0, samples[seen]!.at - e.at));
    }
    doneAt.sort((a, b) => a - b);
    const first = events[0]?.at ?? 0;
    const last = events.at(-1)?.at ?? 0;
    out.set(name, {
      events: events.length,
      produced: last > first ? events.length / ((last - first) / 1000) : Number.NaN,
      drained: doneAt.length === events.length && doneAt.length > 1 && doneAt.at(-1)! > doneAt[0]! ? doneAt.length / ((doneAt.at(-1)! - doneAt[0]!) / 1000) : Number.NaN,
      p95: pct(lags, 95),
      max: lags.length ? Math.max(...lags) : Number.NaN,
      done: doneAt.length === events.length,
    });
  }
  return out;
}

/** CPU per unit of background work of a node since start, from its /metrics (opendvc_worker_cpu_seconds_total, opendvc_worker_items_total). */
async function workerCpuOf(port: number): Promise<Map<string, { cpuMs: number; items: number }>> {
  const out = new Map<string, { cpuMs: number; items: number }>();
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const m of text.matchAll(/^opendvc_worker_(cpu_seconds|items)_total\{unit="([^"]+)"\} (\S+)$/gm)) {
      const e = out.get(m[2]!) ?? { cpuMs: 0, items: 0 };
      if (m[1] === 'cpu_seconds') e.cpuMs = Number(m[3]) * 1000;
      else e.items = Number(m[3]);
      out.set(m[2]!, e);
    }
  } catch {
    // no figures
  }
  return out;
}

/** Database work so far on the bench database: transactions (each autocommit statement is one) and row writes of the job path's tables. */
async function databaseCounters(url: string) {
  const handle = openPostgres(url, 1);
  try {
    const { rows: [db] } = await handle.pool!.query<{ xacts: string }>('select (xact_commit + xact_rollback)::text as xacts from pg_stat_database where datname = current_database()');
    // pg-boss's job table is partitioned per queue: its tables are summed.
    const { rows: tables } = await handle.pool!.query<{ name: string; writes: string }>(`select case when schemaname = 'pgboss' then 'pgboss (all tables)' else relname end as name, sum(n_tup_ins + n_tup_upd + n_tup_del)::text as writes
      from pg_stat_user_tables where schemaname = 'pgboss' or (schemaname, relname) in (('public', 'mail_deliveries'), ('public', 'event_consumer_checkpoints')) group by 1`);
    return { xacts: Number(db?.xacts ?? 0), writes: Object.fromEntries(tables.map((t) => [t.name, Number(t.writes)])) as Record<string, number> };
  } finally {
    await handle.close();
  }
}

/** A queue's or consumer's capacity: items of the phase it drained while it had a backlog, ÷ the time since the release. */
export interface CapacityFigure {
  name: string;
  /** Items written (events) or acknowledged (mails) before the release, i.e. waiting for it. */
  backlog: number;
  /** Items of the phase drained from the start of the phase until the backlog was gone. */
  drained: number;
  /** From the release until the sample that saw the backlog gone, s. */
  seconds: number;
  itemsPerSecond: number;
  /** Submissions' worth per second: items per second ÷ items per submission of the phase. */
  perSubmission: number;
  /** Share by which the figure may read low: the clock's period (sampling) over `seconds`. */
  resolution: number;
  /** False when the backlog was not gone before the phase's last submission (a MISS). */
  backlogDrained: boolean;
}

export interface CapacityResult {
  acknowledgedPerSecond: number;
  units: CapacityFigure[];
  slowest?: CapacityFigure;
  mails?: CapacityFigure;
  /** From the phase's last submission until every consumer had consumed every event and every mail was out, s. */
  caughtUpSeconds: number;
}

const CAPACITY_SAMPLE_MS = 250;

/**
 * The capacity phase (the header comment says why and how): every consumer paused by the bench
 * holding the checkpoint rows for `backlogSeconds` of submissions at `rate`, then released while
 * the submissions go on for `moreSeconds`.
 */
async function capacityPhase({ url, port, drafts, headers, mailAt, backlogSeconds, moreSeconds }: {
  url: string; port: number; drafts: string[]; headers: Record<string, string>; mailAt: Map<string, number>; backlogSeconds: number; moreSeconds: number;
}): Promise<CapacityResult> {
  const probe = openPostgres(url, 1);
  const holder = openPostgres(url, 1);
  const lock = await holder.pool!.connect();
  try {
    const { rows: [{ head: startPosition = 0 } = {}] } = await probe.pool!.query<{ head: number }>('select coalesce(max(position), 0)::float8 as head from dossier_events');
    // Every consumer of every node pauses: the runner claims its checkpoints with SKIP LOCKED.
    await lock.query('begin');
    await lock.query('select 1 from event_consumer_checkpoints for update');
    const samples: Sample[] = [];
    let heads = new Map<number, number>();
    let sampling: Promise<void> | null = null;
    const sample = async () => {
      const positions = await checkpoints(probe);
      // The time the positions were known to hold (after the read): a late time reads capacity low, never high.
      const at = Date.now();
      const { rows } = await probe.pool!.query<{ partition: number; head: string }>('select partition, max(position)::text as head from dossier_events where position > $1 group by partition', [startPosition]);
      heads = new Map(rows.map((r) => [Number(r.partition), Number(r.head)]));
      samples.push({ at, positions, heads });
    };
    const sampler = setInterval(() => {
      sampling ??= sample().catch(() => {}).finally(() => { sampling = null; });
    }, CAPACITY_SAMPLE_MS);
    let releasedAt = Number.NaN;
    let headsAtRelease = new Map<number, number>();
    const release = async () => {
      const { rows } = await lock.query<{ partition: number; head: string }>('select partition, max(position)::text as head from dossier_events where position > $1 group by partition', [startPosition]);
      headsAtRelease = new Map(rows.map((r) => [Number(r.partition), Number(r.head)]));
      await lock.query('commit');
      releasedAt = Date.now();
    };
    const ackedAt = new Map<string, number>();
    const started = Date.now();
    const releasing = sleep(backlogSeconds * 1000).then(release);
    releasing.catch(() => {}); // awaited below; no unhandled rejection meanwhile
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const id = drafts[i]!;
      inFlight.push(fetch(`http://127.0.0.1:${port}/api/v1/dossiers/${id}/submit`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
        body: '{}',
      }).then(async (res) => {
        if (res.ok) ackedAt.set(((await res.json()) as { code: string }).code, Date.now());
      }, () => {}));
    }
    await Promise.all(inFlight);
    await releasing;
    const endedAt = Date.now();
    const acknowledgedPerSecond = ackedAt.size / ((endedAt - started) / 1000);
    const caughtUp = () => {
      const last = samples.at(-1)?.positions;
      return Boolean(last) && [...last!.values()].every((byPartition) => [...heads].every(([partition, head]) => (byPartition.get(partition) ?? 0) >= head));
    };
    while (Date.now() - endedAt < 120000 && !(caughtUp() && [...ackedAt.keys()].every((c) => mailAt.has(c)))) await sleep(50);
    const caughtUpSeconds = (Date.now() - endedAt) / 1000;
    clearInterval(sampler);
    await sampling;
    await sample();

    const { rows } = await probe.pool!.query<{ position: string; partition: number }>('select position::text, partition from dossier_events where position > $1', [startPosition]);
    const events = rows.map((r) => ({ position: Number(r.position), partition: Number(r.partition) }));
    const backlogEvents = events.filter((e) => e.position <= (headsAtRelease.get(e.partition) ?? 0));
    const submitted = Math.max(1, ackedAt.size);
    const after = samples.filter((s) => s.at >= releasedAt);
    const units: CapacityFigure[] = [];
    const names = [...new Set(samples.flatMap((s) => [...s.positions.keys()]))].sort();
    for (const name of names) {
      const covers = (s: Sample, e: { position: number; partition: number }) => (s.positions.get(name)?.get(e.partition) ?? 0) >= e.position;
      const done = after.find((s) => backlogEvents.every((e) => covers(s, e)));
      const backlogDrained = Boolean(done && done.at <= endedAt);
      // Backlog left when the submissions ended: the figure at the last sample before that.
      const at = backlogDrained ? done : after.filter((s) => s.at <= endedAt).at(-1);
      if (!at || events.length === 0) continue;
      const drained = events.filter((e) => covers(at, e)).length;
      const seconds = (at.at - releasedAt) / 1000;
      const itemsPerSecond = seconds > 0 ? drained / seconds : Number.NaN;
      units.push({ name: `consumer ${name}`, backlog: backlogEvents.length, drained, seconds, itemsPerSecond, perSubmission: itemsPerSecond / (events.length / submitted), resolution: CAPACITY_SAMPLE_MS / 1000 / seconds, backlogDrained });
    }
    // Receipt mails: those of the submissions acknowledged before the release are the backlog (the SMTP server's clock, 20 ms).
    const codes = [...ackedAt.keys()];
    const backlogCodes = codes.filter((c) => ackedAt.get(c)! <= releasedAt);
    const backlogOut = backlogCodes.every((c) => mailAt.has(c)) ? Math.max(...backlogCodes.map((c) => mailAt.get(c)!)) : Infinity;
    const mailsDrained = backlogOut <= endedAt;
    const mailsUntil = mailsDrained ? backlogOut : endedAt;
    const mailsOut = codes.filter((c) => (mailAt.get(c) ?? Infinity) <= mailsUntil).length;
    const mailSeconds = (mailsUntil - releasedAt) / 1000;
    const mails: CapacityFigure | undefined = backlogCodes.length > 0 ? {
      name: 'receipt mails (notifications → mail.send → SMTP)', backlog: backlogCodes.length, drained: mailsOut, seconds: mailSeconds,
      itemsPerSecond: mailsOut / mailSeconds, perSubmission: mailsOut / mailSeconds, resolution: 0.02 / mailSeconds, backlogDrained: mailsDrained,
    } : undefined;
    if (mails) units.push(mails);
    const slowest = units.reduce<CapacityFigure | undefined>((a, u) => (!a || (a.backlogDrained && !u.backlogDrained) || (a.backlogDrained === u.backlogDrained && !(u.perSubmission >= a.perSubmission)) ? u : a), undefined);

    console.log(`  capacity: every consumer paused (the bench held their checkpoints) for ${backlogSeconds} s of submissions at ${rate}/s, then released while they went on ${moreSeconds} s more; ${ackedAt.size}/${drafts.length} acknowledged at ${acknowledgedPerSecond.toFixed(1)}/s; ${events.length} events of the phase, ${backlogEvents.length} waiting at the release`);
    console.log(`  capacity = items of the phase drained by the time the backlog was gone ÷ the time since the release (checkpoints sampled every ${CAPACITY_SAMPLE_MS} ms, mails on the SMTP server's clock; "reads low by ≤" is one period over the drain time)`);
    console.log('  queue or consumer                                   backlog  drained  seconds  items/s  submissions/s  reads low by ≤');
    for (const u of units) {
      console.log(`  ${u.name.padEnd(50)}  ${String(u.backlog).padStart(7)}  ${String(u.drained).padStart(7)}  ${u.seconds.toFixed(2).padStart(7)}  ${u.itemsPerSecond.toFixed(1).padStart(7)}  ${u.perSubmission.toFixed(1).padStart(13)}  ${`${(100 * u.resolution).toFixed(1)} %`.padStart(14)}${u.backlogDrained ? '' : '  backlog left when the submissions ended'}`);
    }
    const pass = Boolean(slowest && slowest.backlogDrained && slowest.perSubmission >= rate);
    // A node that acknowledged well under the offered rate built a smaller backlog than planned: the figures then say little about the offered rate.
    if (acknowledgedPerSecond < 0.9 * rate) console.log(`  NOTE: the node acknowledged ${acknowledgedPerSecond.toFixed(1)}/s of the ${rate}/s offered (the machine is busy): ${backlogEvents.length} events of backlog instead of about ${Math.round(rate * backlogSeconds)}, so these capacities say little about ${rate}/s`);
    console.log(`  slowest capacity: ${slowest?.name ?? 'none'} at ${slowest?.perSubmission.toFixed(1)} submissions' worth per second (offered ${rate}/s, acknowledged ${acknowledgedPerSecond.toFixed(1)}/s) — ${pass ? 'PASS' : 'MISS'}; all caught up ${caughtUpSeconds.toFixed(1)} s after the phase's last submission (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    return { acknowledgedPerSecond, units, slowest, mails, caughtUpSeconds };
  } finally {
    // A release that did not happen (an error above) must not leave the consumers paused.
    await lock.query('rollback').catch(() => {});
    lock.release();
    await holder.close();
    await probe.close();
  }
}

export interface JobsBenchResult {
  keptUp: boolean;
  drainSeconds: number;
  /** Submissions acknowledged per second. */
  acknowledgedPerSecond: number;
  /** Receipt mails drained per second: mail.send jobs completed, from the first completion to the last (NaN when some were not completed). */
  mailsPerSecond: number;
  /** Database transactions (autocommit statements included) per submitted dossier, submission and its mail together. */
  transactionsPerDossier: number;
  /** Server CPU per submitted dossier (its submission, event and receipt mail), ms. */
  serverCpuMsPerDossier: number;
  /** The queue or consumer that drained the fewest submissions' worth per second (its items per second ÷ its items per submission). */
  slowest?: { name: string; drained: number; perSubmission: number };
  /** Every queue and consumer: submissions' worth drained per second. */
  units?: { name: string; perSubmission: number }[];
  /** Seconds from the last submission until every consumer had consumed every event of the run. */
  consumersSeconds?: number;
  /** CPU per unit of background work (queue:…, consumer:…, other) on the node running them. */
  cpu?: { unit: string; msPerItem: number; msPerDossier: number }[];
  /** The capacity phase: every queue and consumer draining a backlog while the submissions go on. */
  capacity?: CapacityResult;
}

/**
 * `workerNode`: the submissions go to an API node that runs no jobs or consumers
 * (JOBS_WORKER=false) and a second node on the same database runs them — the layout
 * docs/ARCHITECTURE.md describes for production (API-only nodes, worker nodes), two Node processes
 * on the same 2 cores. Without it one node does both.
 */
export async function benchJobs({ workerNode = false }: { workerNode?: boolean } = {}): Promise<JobsBenchResult> {
  let outcome: JobsBenchResult = { keptUp: false, drainSeconds: Number.NaN, acknowledgedPerSecond: Number.NaN, mailsPerSecond: Number.NaN, transactionsPerDossier: Number.NaN, serverCpuMsPerDossier: Number.NaN };
  const total = Math.min(1000, rate * seconds);
  // One citizen holds at most 1000 open drafts (MAX_OPEN_DRAFTS' ceiling), both phases' together.
  const capacityTotal = Math.min(1000 - total, Math.round(rate * (backlogSeconds + capacitySeconds)));
  console.log(`\nJobs beside submission: ${rate} submissions/s for ${seconds} s (${total} dossiers), then a capacity phase of ${backlogSeconds} + ${capacitySeconds} s (${capacityTotal} dossiers), PostgreSQL, receipts over SMTP, ${workerNode ? 'an API node without jobs beside a worker node' : 'one node taking submissions and running the jobs'}`);
  const smtp = await startTestSmtpServer();
  const mailAt = new Map<string, number>();
  // Only the messages received since the last look (the bench shares the 2 cores with the servers).
  let seen = 0;
  const watch = setInterval(() => {
    for (const m of smtp.messages.slice(seen)) {
      const code = /\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}/.exec(`${m.subject} ${m.text}`)?.[0];
      if (code && !mailAt.has(code)) mailAt.set(code, Date.now());
    }
    seen = smtp.messages.length;
  }, 20);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-jobs-'));
  try {
    await withFreshDatabase('opendvc_bench_jobs', async (url) => {
      const handle = openPostgres(url, 5);
      const prepared = await prepare(handle, dataDir, total + capacityTotal);
      await handle.close();
      // BENCH_JOBS_PORT (default 3305); the worker node listens on BENCH_JOBS_WORKER_PORT, default
      // port + 20 (3306 is MariaDB's on these machines).
      const port = Number(process.env.BENCH_JOBS_PORT ?? 3305);
      const workerPort = Number(process.env.BENCH_JOBS_WORKER_PORT ?? port + 20);
      const nodeEnv = { DATABASE_URL: url, DATA_DIR: dataDir, SEED_ON_START: 'false', MAIL_PROVIDER: 'smtp', SMTP_URL: smtp.url, SIGNING_DEMO_PKI: 'false' };
      const child = startServer(['server/main.ts', 'start'], { ...nodeEnv, PORT: String(port), ...(workerNode ? { JOBS_WORKER: 'false' } : {}) });
      const worker = workerNode ? startServer(['server/main.ts', 'start'], { ...nodeEnv, PORT: String(workerPort), JOBS_WORKER: 'true' }) : undefined;
      try {
        await waitReady(port);
        if (worker) await waitReady(workerPort);
        const ackedAt = new Map<string, number>();
        const probe = openPostgres(url, 1);
        const { rows: [{ head: startPosition = 0 } = {}] } = await probe.pool!.query<{ head: number }>('select coalesce(max(position), 0)::float8 as head from dossier_events');
        // The consumers' checkpoints every 250 ms, and the head of each partition for this run's events.
        const samples: Sample[] = [];
        let heads = new Map<number, number>();
        let sampling: Promise<void> | null = null;
        const sample = async () => {
          const at = Date.now();
          const positions = await checkpoints(probe);
          const { rows } = await probe.pool!.query<{ partition: number; head: string }>('select partition, max(position)::text as head from dossier_events where position > $1 group by partition', [startPosition]);
          heads = new Map(rows.map((r) => [Number(r.partition), Number(r.head)]));
          samples.push({ at, positions, heads });
        };
        const sampler = setInterval(() => {
          sampling ??= sample().catch(() => {}).finally(() => { sampling = null; });
        }, 250);
        const consumersCaughtUp = () => {
          const last = samples.at(-1)?.positions;
          return Boolean(last) && [...last!.values()].every((byPartition) => [...heads].every(([partition, head]) => (byPartition.get(partition) ?? 0) >= head));
        };
        // The prepared drafts wrote events too: the consumers take those before the burst starts.
        await sample();
        const { rows: [{ n: before = 0 } = {}] } = await probe.pool!.query<{ n: number }>('select count(*)::int as n from dossier_events');
        const settled = Date.now();
        while (Date.now() - settled < 60000) {
          // The checkpoints exist once the runner's first pass began (EVENT_CONSUMERS_POLL_MS after start).
          const { rows: [{ behind = 0, checkpoints: made = 0 } = {}] } = await probe.pool!.query<{ behind: number; checkpoints: number }>(
            `select (select count(*)::int from event_consumer_checkpoints c join dossier_events e on e.partition = c.partition and e.position > c.position where e.position <= $1) as behind,
                    (select count(*)::int from event_consumer_checkpoints) as checkpoints`, [startPosition]);
          if (made > 0 && behind === 0) break;
          await sleep(250);
        }
        console.log(`  the consumers took the ${before} events of the prepared drafts in ${((Date.now() - settled) / 1000).toFixed(1)} s before the burst`);
        samples.length = 0;
        const cpuNode = worker ? workerPort : port;
        const unitsBefore = await workerCpuOf(cpuNode);
        const countersBefore = await databaseCounters(url);
        const cpuOf = () => {
          const api = processCpuMs(child.pid);
          const jobs = worker ? processCpuMs(worker.pid) : 0;
          return api === undefined || jobs === undefined ? undefined : api + jobs;
        };
        const cpuBefore = cpuOf();
        const started = Date.now();
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < total; i++) {
          const due = started + (i * 1000) / rate;
          if (due > Date.now()) await sleep(due - Date.now());
          const id = prepared.drafts[i]!;
          inFlight.push(fetch(`http://127.0.0.1:${port}/api/v1/dossiers/${id}/submit`, {
            method: 'POST',
            headers: { ...prepared.headers, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
            body: '{}',
          }).then(async (res) => {
            if (res.ok) ackedAt.set(((await res.json()) as { code: string }).code, Date.now());
          }, () => {}));
        }
        await Promise.all(inFlight);
        const submitSeconds = (Date.now() - started) / 1000;
        const lastAck = Date.now();
        while (Date.now() - lastAck < 120000 && [...ackedAt.keys()].some((c) => !mailAt.has(c))) await sleep(50);
        const drainMs = Date.now() - lastAck;
        while (Date.now() - lastAck < 120000 && !(heads.size > 0 && consumersCaughtUp())) await sleep(50);
        const consumersMs = Date.now() - lastAck;
        const cpuAfter = cpuOf();
        const unitsAfter = await workerCpuOf(cpuNode);
        clearInterval(sampler);
        await sampling;
        await sample();
        // The statistics collector flushes about once a second.
        await sleep(1500);
        const countersAfter = await databaseCounters(url);
        const lags = [...ackedAt].filter(([c]) => mailAt.has(c)).map(([c, at]) => mailAt.get(c)! - at);
        const mailTimes = [...mailAt.values()].sort((a, b) => a - b);
        const mailSeconds = mailTimes.length > 1 ? (mailTimes.at(-1)! - mailTimes[0]!) / 1000 : Number.NaN;
        console.log(`  submissions: ${ackedAt.size}/${total} acknowledged at ${(ackedAt.size / submitSeconds).toFixed(1)}/s`);
        console.log(`  receipt mails: ${lags.length} sent at ${(lags.length / mailSeconds).toFixed(1)}/s; lag from answer to mail p50 ${pct(lags, 50)} ms, p95 ${pct(lags, 95)} ms, max ${Math.max(...lags)} ms; all out ${(drainMs / 1000).toFixed(1)} s after the last submission`);
        const dossiers = Math.max(1, ackedAt.size);
        const serverCpuMsPerDossier = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / dossiers : Number.NaN;
        const transactionsPerDossier = (countersAfter.xacts - countersBefore.xacts) / dossiers;
        const writes = Object.keys(countersAfter.writes).sort().map((t) => `${t} ${((countersAfter.writes[t]! - (countersBefore.writes[t] ?? 0)) / dossiers).toFixed(1)}`).join(', ');
        console.log(`  per dossier (submission, event, receipt mail): server CPU ${serverCpuMsPerDossier.toFixed(1)} ms${workerNode ? ' (both nodes)' : ''}, database transactions ${transactionsPerDossier.toFixed(1)} (autocommit statements count one each), rows written: ${writes}`);
        outcome = {
          keptUp: lags.length === ackedAt.size && drainMs < 10000,
          drainSeconds: lags.length === ackedAt.size ? drainMs / 1000 : Number.NaN,
          acknowledgedPerSecond: ackedAt.size / submitSeconds,
          mailsPerSecond: Number.NaN,
          transactionsPerDossier,
          serverCpuMsPerDossier,
        };
        console.log(`  jobs keep up: ${outcome.keptUp ? 'yes' : 'NO'}`);
        const queues = await reportQueues(url, started, rate, ackedAt.size / submitSeconds);
        outcome.mailsPerSecond = queues.get('mail.send')?.drained ?? Number.NaN;
        const consumers = await consumerFigures(probe, startPosition, samples);
        await probe.close();
        console.log(`  consumers (checkpoints sampled every 250 ms; all caught up ${(consumersMs / 1000).toFixed(1)} s after the last submission)`);
        console.log('  consumer                      events  produced/s  drained/s  lag p95   lag max');
        for (const [name, c] of consumers) {
          console.log(`  ${name.padEnd(28)}  ${String(c.events).padStart(6)}  ${c.produced.toFixed(1).padStart(10)}  ${(c.done ? c.drained.toFixed(1) : 'not all').padStart(9)}  ${`${Math.round(c.p95)} ms`.padStart(8)}  ${`${Math.round(c.max)} ms`.padStart(8)}`);
        }
        // Every queue and consumer against what the submissions gave it: its items per submission
        // times the submissions acknowledged per second.
        const acknowledged = ackedAt.size / submitSeconds;
        const units = [
          ...[...queues].map(([name, q]) => ({ name: `queue ${name}`, count: q.count, drained: q.drained })),
          ...[...consumers].map(([name, c]) => ({ name: `consumer ${name}`, count: c.events, drained: c.done ? c.drained : Number.NaN })),
        ].filter((u) => u.count > 0).map((u) => ({ ...u, perSubmission: (u.drained * dossiers) / u.count }));
        const slowest = units.reduce<(typeof units)[number] | undefined>((a, u) => (!a || !(u.perSubmission >= a.perSubmission) ? u : a), undefined);
        outcome.slowest = slowest ? { name: slowest.name, drained: slowest.drained, perSubmission: slowest.perSubmission } : undefined;
        outcome.units = units.map((u) => ({ name: u.name, perSubmission: u.perSubmission }));
        outcome.consumersSeconds = consumersMs / 1000;
        // The pace of a consumer that keeps up is the rate it is offered: printed, not held against a target (the capacity phase below is).
        console.log(`  slowest pace: ${slowest?.name ?? 'none'} at ${slowest?.perSubmission.toFixed(1)} submissions' worth per second (acknowledged ${acknowledged.toFixed(1)}/s; the pace of a burst, not a capacity)`);
        // CPU per unit of background work on the node running them (shared evenly among the units running at once).
        const cpuRows = [...unitsAfter].map(([unit, a]) => {
          const b = unitsBefore.get(unit) ?? { cpuMs: 0, items: 0 };
          return { unit, cpuMs: a.cpuMs - b.cpuMs, items: a.items - b.items };
        }).filter((r) => r.cpuMs > 0.5).sort((x, y) => y.cpuMs - x.cpuMs);
        const cpuTotal = cpuRows.reduce((a, r) => a + r.cpuMs, 0);
        outcome.cpu = cpuRows.map((r) => ({ unit: r.unit, msPerItem: r.items > 0 ? r.cpuMs / r.items : Number.NaN, msPerDossier: r.cpuMs / dossiers }));
        console.log(`  CPU of the ${worker ? 'worker node' : 'node'} by unit of work (shared among the units running at once; other: none running${worker ? '' : ', the HTTP requests included'})`);
        console.log('  unit                                   CPU ms   share  items  ms/item  ms/dossier');
        for (const r of cpuRows) {
          console.log(`  ${r.unit.padEnd(36)}  ${r.cpuMs.toFixed(0).padStart(7)}  ${`${((100 * r.cpuMs) / cpuTotal).toFixed(1)} %`.padStart(6)}  ${String(r.items).padStart(5)}  ${(r.items > 0 ? (r.cpuMs / r.items).toFixed(2) : '').padStart(7)}  ${(r.cpuMs / dossiers).toFixed(2).padStart(10)}`);
        }
        outcome.capacity = await capacityPhase({ url, port, drafts: prepared.drafts.slice(total, total + capacityTotal), headers: prepared.headers, mailAt, backlogSeconds, moreSeconds: capacitySeconds });
      } finally {
        await stop(child);
        if (worker) await stop(worker);
      }
    });
  } finally {
    clearInterval(watch);
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return outcome;
}
