/**
 * The sync worker: pushes each dossier's pending work to the portal, one dossier at a time in
 * order, several dossiers at once (DVCQG_CONCURRENCY). A worker leases the dossiers it takes
 * (`FOR UPDATE SKIP LOCKED`, then `lease_until`), so two nodes never sync one dossier at once,
 * and makes its HTTP calls outside any transaction.
 *
 * For a dossier: the record first when it changed (`DongBoHoSoMC`, `isUpdating` "False" the first
 * time, "True" after; "already exists" switches to an update, "not found" on an update to a
 * create), then its unsynced history steps in stream order, in chunks of at most 10
 * (`CapNhatTienDoHoSoMC`), each marked synced once the portal accepted it, then its EMC usage
 * events (§5.6). A failure leaves the dossier FAILING with exponential backoff; a refusal the
 * portal will repeat, or DVCQG_MAX_ATTEMPTS failed attempts in a row without progress, park it as
 * DEAD (a dead letter) until an administrator replays it.
 *
 * An outage of the portal is not the dossiers' fault: when calls fail one after another without
 * an answer from the portal (network, timeout, 5xx, busy) across max(5, DVCQG_CONCURRENCY)
 * attempts, the sync holds off and probes the portal with one dossier at a time, every
 * DVCQG_BACKOFF_MS doubled up to 30 s. Attempts made while the portal is out do not count towards
 * DVCQG_MAX_ATTEMPTS, and once a probe gets through, every waiting dossier is due at once (ADR 0009).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DVCQG_EMC_SERVICE, DVCQG_ERRORS, DVCQG_HISTORY_CHUNK, DVCQG_SERVICES, ALREADY_EXISTS_MESSAGE } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { PortalError, type PortalClient } from './integration.client.js';
import { hoSoOf } from './integration.mapping.js';
import { dvcqgEmcEventsTable, dvcqgSyncControlTable, dvcqgSyncDossiersTable, dvcqgSyncStepsTable, type SyncDossierRow } from './integration.tables.js';
import { pollLoop } from '../../platform/jobs/poll-loop.js';
import { systemClock, type Clock } from '../../platform/clock.js';

export type SyncConfig = Pick<Config, 'publicUrl' | 'dvcqgFileLinkSecret' | 'dvcqgFileLinkTtlSeconds' | 'dvcqgMaxAttempts' | 'dvcqgBackoffMs' | 'dvcqgConcurrency' | 'dvcqgTimeoutMs'>;

export interface SyncPass {
  /** Dossiers taken in this pass. */
  taken: number;
  synced: number;
  failed: number;
}

export interface PortalSync {
  /** Takes up to DVCQG_CONCURRENCY due dossiers and syncs them. */
  runOnce(): Promise<SyncPass>;
  /** Passes until no dossier is due now (tests, the CLI). */
  drain(options?: { maxPasses?: number; signal?: AbortSignal }): Promise<SyncPass>;
  start(pollMs: number): void;
  stop(): Promise<void>;
  /** Whether this node holds off because the portal is out, and until when (then one probe). */
  outage(): SyncOutage;
}

export interface SyncOutage {
  open: boolean;
  /** When the next probe may go (null when the portal answers). */
  probeAt: Date | null;
  /** Calls that failed in a row without an answer from the portal. */
  consecutiveFailures: number;
}

/** The longest wait between two probes of a portal that is out. */
export const OUTAGE_PROBE_MAX_MS = 30_000;

export function syncRetryDelayMs(attempts: number, backoffMs: number) {
  return Math.min(600_000, backoffMs * 2 ** Math.max(0, attempts - 1));
}

class CallFailure extends Error {
  constructor(override readonly cause: unknown, readonly request: Record<string, unknown>) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function isPaused(db: Database) {
  const [row] = await db.select({ paused: dvcqgSyncControlTable.paused }).from(dvcqgSyncControlTable).where(eq(dvcqgSyncControlTable.id, 1));
  return row?.paused ?? false;
}

/**
 * `clock` is the time retries, leases and outage probes are scheduled by: the composition root
 * passes the app's clock (the real one in production); tests move their own.
 */
export function createPortalSync({ db, config, client, logger, clock = systemClock }: { db: Database; config: SyncConfig; client: PortalClient; logger?: { warn(o: object, m?: string): void; error(o: object, m?: string): void; info?(o: object, m?: string): void }; clock?: Clock }): PortalSync {
  const t = dvcqgSyncDossiersTable;
  const leaseMs = Math.max(60_000, config.dvcqgTimeoutMs * 8);

  // Outage detection (in memory, per node): calls failing in a row without the portal's answer.
  const outageThreshold = Math.max(5, config.dvcqgConcurrency);
  let consecutiveFailures = 0;
  /** Set while the portal is out: no dossier is taken before this time, then one as a probe. */
  let probeAt: number | null = null;
  let probeDelayMs = 0;

  function portalAnswered() {
    if (probeAt !== null) logger?.info?.({ consecutiveFailures }, 'national portal answers again: sync resumes');
    consecutiveFailures = 0;
    probeAt = null;
    probeDelayMs = 0;
  }

  /** A failed call without an answer; true when the portal is (now) taken as out. */
  function portalUnreachable(): boolean {
    consecutiveFailures += 1;
    if (probeAt !== null) return true;
    if (consecutiveFailures < outageThreshold) return false;
    probeDelayMs = Math.min(OUTAGE_PROBE_MAX_MS, Math.max(100, config.dvcqgBackoffMs));
    probeAt = clock().getTime() + probeDelayMs;
    logger?.warn({ consecutiveFailures, probeInMs: probeDelayMs }, 'national portal unreachable: sync holds off and probes it');
    return true;
  }

  async function callPortal(service: string, body: Record<string, unknown>) {
    try {
      return await client.call(service, body);
    } catch (err) {
      throw new CallFailure(err, { service, body });
    }
  }

  async function pushRecordWith(call: (service: string, body: Record<string, unknown>) => Promise<unknown>, row: SyncDossierRow) {
    const hoSo = await hoSoOf(db, config, row.dossierId, row);
    if (!hoSo) return;
    const send = (updating: boolean) => call(DVCQG_SERVICES.dongBoHoSo, { isUpdating: updating ? 'True' : 'False', data: [hoSo] });
    try {
      await send(row.createdOnPortal);
    } catch (err) {
      const cause = err instanceof CallFailure ? err.cause : null;
      if (!(cause instanceof PortalError)) throw err;
      const exists = cause.errorCode === DVCQG_ERRORS.alreadyExists || (cause.answer?.message ?? '').includes(ALREADY_EXISTS_MESSAGE);
      if (!row.createdOnPortal && exists) await send(true);
      else if (row.createdOnPortal && cause.errorCode === DVCQG_ERRORS.notFound) await send(false);
      else throw err;
    }
  }

  async function syncDossier(row: SyncDossierRow): Promise<boolean> {
    /** Whether the portal accepted anything of this dossier in this attempt. */
    let progressed = false;
    const call = async (service: string, body: Record<string, unknown>) => {
      const answer = await callPortal(service, body);
      progressed = true;
      return answer;
    };
    const pushRecord = (r: SyncDossierRow) => pushRecordWith(call, r);
    try {
      if (row.pushedVersion < row.wantedVersion || !row.createdOnPortal) {
        await pushRecord(row);
        await db.update(t).set({ createdOnPortal: true, pushedVersion: row.wantedVersion }).where(eq(t.dossierId, row.dossierId));
      }
      // Bounded: each pass sends at most 10 steps; a dossier has far fewer than 10,000.
      for (let i = 0; i < 1000; i++) {
        const steps = await db.select({ eventId: dvcqgSyncStepsTable.eventId, step: dvcqgSyncStepsTable.step }).from(dvcqgSyncStepsTable)
          .where(and(eq(dvcqgSyncStepsTable.dossierId, row.dossierId), eq(dvcqgSyncStepsTable.synced, false)))
          .orderBy(asc(dvcqgSyncStepsTable.position)).limit(DVCQG_HISTORY_CHUNK);
        if (steps.length === 0) break;
        await call(DVCQG_SERVICES.capNhatTienDo, { data: steps.map((s) => s.step) });
        await db.update(dvcqgSyncStepsTable).set({ synced: true, syncedAt: new Date() }).where(inArray(dvcqgSyncStepsTable.eventId, steps.map((s) => s.eventId)));
        // A short chunk was the last: steps written since keep the dossier PENDING (below).
        if (steps.length < DVCQG_HISTORY_CHUNK) break;
      }
      // Then its EMC usage events (§5.6), in stream order, after the history they belong to.
      for (let i = 0; i < 1000; i++) {
        const events = await db.select({ eventId: dvcqgEmcEventsTable.eventId, body: dvcqgEmcEventsTable.body }).from(dvcqgEmcEventsTable)
          .where(and(eq(dvcqgEmcEventsTable.dossierId, row.dossierId), eq(dvcqgEmcEventsTable.sent, false)))
          .orderBy(asc(dvcqgEmcEventsTable.position)).limit(DVCQG_HISTORY_CHUNK);
        if (events.length === 0) break;
        await call(DVCQG_EMC_SERVICE, { data: events.map((e) => e.body) });
        await db.update(dvcqgEmcEventsTable).set({ sent: true, sentAt: new Date() }).where(inArray(dvcqgEmcEventsTable.eventId, events.map((e) => e.eventId)));
        if (events.length < DVCQG_HISTORY_CHUNK) break;
      }
      // New work that arrived meanwhile keeps the dossier PENDING.
      const moreWork = sql`${t.wantedVersion} > ${t.pushedVersion}
        OR EXISTS (SELECT 1 FROM ${dvcqgSyncStepsTable} s WHERE s.dossier_id = ${t.dossierId} AND NOT s.synced)
        OR EXISTS (SELECT 1 FROM ${dvcqgEmcEventsTable} m WHERE m.dossier_id = ${t.dossierId} AND NOT m.sent)`;
      await db.update(t).set({
        state: sql`CASE WHEN ${moreWork} THEN 'PENDING' ELSE 'SYNCED' END`,
        pendingSince: sql`CASE WHEN ${moreWork} THEN ${t.pendingSince} ELSE NULL END`,
        attempts: 0, nextAttemptAt: null, leaseUntil: null, lastError: null, syncedAt: new Date(), updatedAt: new Date(),
      }).where(eq(t.dossierId, row.dossierId));
      portalAnswered();
      return true;
    } catch (err) {
      const cause = err instanceof CallFailure ? err.cause : err;
      const portal = cause instanceof PortalError ? cause : null;
      // No answer from the portal (network, timeout, 5xx, busy): perhaps an outage, not this dossier's fault.
      const unanswered = err instanceof CallFailure && (portal === null || portal.retryable);
      let outage = false;
      if (unanswered) outage = portalUnreachable();
      else if (portal !== null) portalAnswered();
      // Attempts count in a row without progress; those made while the portal is out do not count.
      const attempts = outage ? row.attempts : progressed ? 1 : row.attempts + 1;
      // Data the portal refuses will be refused again: parked at once. Anything else is retried.
      const dead = (portal !== null && !portal.retryable) || (!outage && attempts >= config.dvcqgMaxAttempts);
      const message = cause instanceof Error ? cause.message : String(cause);
      await db.update(t).set({
        state: dead ? 'DEAD' : 'FAILING',
        attempts,
        // During an outage the dossier is due as soon as the portal answers a probe again.
        nextAttemptAt: dead || outage ? null : new Date(clock().getTime() + syncRetryDelayMs(attempts, config.dvcqgBackoffMs)),
        leaseUntil: null,
        lastError: message.slice(0, 2000),
        lastRequest: err instanceof CallFailure ? err.request : null,
        lastResponse: portal ? { httpStatus: portal.httpStatus, ...(portal.answer ?? { error: message }) } : { error: message },
        updatedAt: new Date(),
      }).where(eq(t.dossierId, row.dossierId));
      const log = { dossierId: row.dossierId, portalCode: row.portalCode, attempts, outage, err: message };
      if (dead) logger?.error(log, 'national portal sync parked a dossier as dead letter');
      else if (!outage) logger?.warn(log, 'national portal sync failed; will retry');
      return false;
    }
  }

  /** Leases up to `limit` due dossiers (none while paused); while the portal is out, none before the probe's time, then one. */
  async function take(limit: number): Promise<{ rows: SyncDossierRow[]; probing: boolean }> {
    const now = clock();
    if (probeAt !== null && (now.getTime() < probeAt || probeInFlight)) return { rows: [], probing: false };
    const probing = probeAt !== null;
    const at = sql`${now.toISOString()}::timestamptz`;
    const rows = await db.transaction(async (tx) => {
      const due = (await tx.execute(sql`
        SELECT dossier_id FROM ${t}
        WHERE state IN ('PENDING', 'FAILING') AND (next_attempt_at IS NULL OR next_attempt_at <= ${at})
          AND (lease_until IS NULL OR lease_until < ${at})
          AND NOT EXISTS (SELECT 1 FROM ${dvcqgSyncControlTable} c WHERE c.id = 1 AND c.paused)
        ORDER BY pending_since NULLS LAST
        LIMIT ${probing ? 1 : limit}
        FOR UPDATE SKIP LOCKED`) as unknown as { rows: { dossier_id: string }[] }).rows;
      if (due.length === 0) return [];
      return tx.update(t).set({ leaseUntil: new Date(now.getTime() + leaseMs) }).where(inArray(t.dossierId, due.map((d) => d.dossier_id))).returning();
    });
    return { rows, probing: probing && rows.length > 0 };
  }

  let probeInFlight = false;
  async function syncTaken(row: SyncDossierRow, probing: boolean) {
    if (probing) probeInFlight = true;
    try {
      return await syncDossier(row);
    } finally {
      if (probing) {
        probeInFlight = false;
        if (probeAt !== null) {
          // The probe found the portal still out: the next one waits twice as long (at most 30 s).
          probeDelayMs = Math.min(OUTAGE_PROBE_MAX_MS, probeDelayMs * 2);
          probeAt = clock().getTime() + probeDelayMs;
        }
      }
    }
  }

  async function runOnce(): Promise<SyncPass> {
    const { rows, probing } = await take(config.dvcqgConcurrency);
    const results = await Promise.all(rows.map((r) => syncTaken(r, probing)));
    return { taken: rows.length, synced: results.filter(Boolean).length, failed: results.filter((r) => !r).length };
  }

  /**
   * Keeps up to DVCQG_CONCURRENCY dossiers in flight, taking the next due one as soon as one is
   * done (no dossier waits for the slowest of a batch), until none is due and none in flight.
   */
  async function drain({ maxPasses = 10_000, signal }: { maxPasses?: number; signal?: AbortSignal } = {}) {
    const total: SyncPass = { taken: 0, synced: 0, failed: 0 };
    const inFlight = new Set<Promise<void>>();
    /** A database error while recording a result: thrown once the dossiers in flight are done. */
    let failure: unknown = null;
    for (let takes = 0; ;) {
      const free = config.dvcqgConcurrency - inFlight.size;
      // A stopping node takes no more dossiers and ends when those in flight are done.
      const { rows, probing } = free > 0 && takes < maxPasses && !signal?.aborted ? await take(free) : { rows: [], probing: false };
      takes += 1;
      for (const row of rows) {
        total.taken += 1;
        const done: Promise<void> = syncTaken(row, probing).then((ok) => {
          if (ok) total.synced += 1;
          else total.failed += 1;
        }, (err: unknown) => {
          total.failed += 1;
          failure ??= err;
        }).finally(() => inFlight.delete(done));
        inFlight.add(done);
      }
      if (inFlight.size === 0 && rows.length === 0) break;
      if (rows.length === 0 || inFlight.size >= config.dvcqgConcurrency) await Promise.race(inFlight);
    }
    if (failure) throw failure;
    return total;
  }

  const loop = pollLoop((signal) => drain({ maxPasses: 1000, signal }), (err: unknown) => logger?.error({ err }, 'national portal sync pass failed'));

  const outage = (): SyncOutage => ({ open: probeAt !== null, probeAt: probeAt === null ? null : new Date(probeAt), consecutiveFailures });

  return { runOnce, drain, start: loop.start, stop: loop.stop, outage };
}
