/**
 * The sync worker: pushes each dossier's pending work to the portal, one dossier at a time in
 * order, several dossiers at once (DVCQG_CONCURRENCY). A worker leases the dossiers it takes
 * (`FOR UPDATE SKIP LOCKED`, then `lease_until`), so two nodes never sync one dossier at once,
 * and makes its HTTP calls outside any transaction.
 *
 * For a dossier: the record first when it changed (`DongBoHoSoMC`, `isUpdating` "False" the first
 * time, "True" after; "already exists" switches to an update, "not found" on an update to a
 * create), then its unsynced history steps in stream order, in chunks of at most 10
 * (`CapNhatTienDoHoSoMC`), each marked synced once the portal accepted it. A failure leaves the
 * dossier FAILING with exponential backoff. Its EMC usage events (§5.6) follow its history. A failure leaves the
 * dossier FAILING with exponential backoff; a refusal the portal will repeat, or
 * DVCQG_MAX_ATTEMPTS failures, park it as DEAD (a dead letter) until an administrator replays it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DVCQG_EMC_SERVICE, DVCQG_ERRORS, DVCQG_HISTORY_CHUNK, DVCQG_SERVICES, ALREADY_EXISTS_MESSAGE } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { PortalError, type PortalClient } from './integration.client.js';
import { hoSoOf } from './integration.mapping.js';
import { dvcqgEmcEventsTable, dvcqgSyncControlTable, dvcqgSyncDossiersTable, dvcqgSyncStepsTable, type SyncDossierRow } from './integration.tables.js';
import { pollLoop } from '../../platform/jobs/poll-loop.js';

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
  drain(options?: { maxPasses?: number }): Promise<SyncPass>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

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

/** The time the sync schedules retries and leases by (the real clock unless a test moves its own). */
export interface SyncClock {
  now(): Date;
}
const realClock: SyncClock = { now: () => new Date() };

export function createPortalSync({ db, config, client, logger, clock = realClock }: { db: Database; config: SyncConfig; client: PortalClient; logger?: { warn(o: object, m?: string): void; error(o: object, m?: string): void }; clock?: SyncClock }): PortalSync {
  const t = dvcqgSyncDossiersTable;
  const leaseMs = Math.max(60_000, config.dvcqgTimeoutMs * 8);

  async function call(service: string, body: Record<string, unknown>) {
    try {
      return await client.call(service, body);
    } catch (err) {
      throw new CallFailure(err, { service, body });
    }
  }

  async function pushRecord(row: SyncDossierRow) {
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
      }
      // Then its EMC usage events (§5.6), in stream order, after the history they belong to.
      for (let i = 0; i < 1000; i++) {
        const events = await db.select({ eventId: dvcqgEmcEventsTable.eventId, body: dvcqgEmcEventsTable.body }).from(dvcqgEmcEventsTable)
          .where(and(eq(dvcqgEmcEventsTable.dossierId, row.dossierId), eq(dvcqgEmcEventsTable.sent, false)))
          .orderBy(asc(dvcqgEmcEventsTable.position)).limit(DVCQG_HISTORY_CHUNK);
        if (events.length === 0) break;
        await call(DVCQG_EMC_SERVICE, { data: events.map((e) => e.body) });
        await db.update(dvcqgEmcEventsTable).set({ sent: true, sentAt: new Date() }).where(inArray(dvcqgEmcEventsTable.eventId, events.map((e) => e.eventId)));
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
      return true;
    } catch (err) {
      const cause = err instanceof CallFailure ? err.cause : err;
      const portal = cause instanceof PortalError ? cause : null;
      const attempts = row.attempts + 1;
      // Data the portal refuses will be refused again: parked at once. Anything else is retried.
      const dead = (portal !== null && !portal.retryable) || attempts >= config.dvcqgMaxAttempts;
      const message = cause instanceof Error ? cause.message : String(cause);
      await db.update(t).set({
        state: dead ? 'DEAD' : 'FAILING',
        attempts,
        nextAttemptAt: dead ? null : new Date(clock.now().getTime() + syncRetryDelayMs(attempts, config.dvcqgBackoffMs)),
        leaseUntil: null,
        lastError: message.slice(0, 2000),
        lastRequest: err instanceof CallFailure ? err.request : null,
        lastResponse: portal ? { httpStatus: portal.httpStatus, ...(portal.answer ?? { error: message }) } : { error: message },
        updatedAt: new Date(),
      }).where(eq(t.dossierId, row.dossierId));
      const log = { dossierId: row.dossierId, portalCode: row.portalCode, attempts, err: message };
      if (dead) logger?.error(log, 'national portal sync parked a dossier as dead letter');
      else logger?.warn(log, 'national portal sync failed; will retry');
      return false;
    }
  }

  async function runOnce(): Promise<SyncPass> {
    if (await isPaused(db)) return { taken: 0, synced: 0, failed: 0 };
    const now = clock.now();
    const at = sql`${now.toISOString()}::timestamptz`;
    const rows = await db.transaction(async (tx) => {
      const due = (await tx.execute(sql`
        SELECT dossier_id FROM ${t}
        WHERE state IN ('PENDING', 'FAILING') AND (next_attempt_at IS NULL OR next_attempt_at <= ${at})
          AND (lease_until IS NULL OR lease_until < ${at})
        ORDER BY pending_since NULLS LAST
        LIMIT ${config.dvcqgConcurrency}
        FOR UPDATE SKIP LOCKED`) as unknown as { rows: { dossier_id: string }[] }).rows;
      if (due.length === 0) return [];
      return tx.update(t).set({ leaseUntil: new Date(now.getTime() + leaseMs) }).where(inArray(t.dossierId, due.map((d) => d.dossier_id))).returning();
    });
    const results = await Promise.all(rows.map((r) => syncDossier(r)));
    return { taken: rows.length, synced: results.filter(Boolean).length, failed: results.filter((r) => !r).length };
  }

  async function drain({ maxPasses = 10_000 } = {}) {
    const total: SyncPass = { taken: 0, synced: 0, failed: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const r = await runOnce();
      total.taken += r.taken;
      total.synced += r.synced;
      total.failed += r.failed;
      if (r.taken === 0) break;
    }
    return total;
  }

  const loop = pollLoop(() => drain({ maxPasses: 50 }), (err: unknown) => logger?.error({ err }, 'national portal sync pass failed'));

  return { runOnce, drain, start: loop.start, stop: loop.stop };
}
