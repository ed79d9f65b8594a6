/** Administration of the portal sync: where it stands, replay of dead letters, pause and resume. Audited. */
import { and, asc, count, eq, inArray, min, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { consumerLag, type EventConsumer } from '../../platform/events/index.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import { dossiersTable } from '../dossiers/index.js';
import { dvcqgSyncControlTable, dvcqgSyncDossiersTable, dvcqgSyncStepsTable, syncStates, type SyncState } from './integration.tables.js';
import { isPaused } from './integration.sync.js';

export interface SyncOverviewInput {
  db: Database;
  config: Pick<Config, 'dvcqgBaseUrl'>;
  consumers: readonly EventConsumer[];
  state?: SyncState;
  page: number;
  pageSize: number;
}

/** Age in seconds of the oldest change not yet at the portal (0 when in sync). */
export async function syncLagSeconds(db: Database): Promise<number> {
  const t = dvcqgSyncDossiersTable;
  const [oldest] = await db.select({ at: min(t.pendingSince) }).from(t).where(inArray(t.state, ['PENDING', 'FAILING', 'DEAD']));
  return oldest?.at ? Math.max(0, (Date.now() - oldest.at.getTime()) / 1000) : 0;
}

export async function syncOverview({ db, config, consumers, state, page, pageSize }: SyncOverviewInput) {
  const t = dvcqgSyncDossiersTable;
  const counts = Object.fromEntries(syncStates.map((s) => [s, 0])) as Record<SyncState, number>;
  for (const r of await db.select({ state: t.state, n: count() }).from(t).groupBy(t.state)) counts[r.state] = r.n;
  const [oldest] = await db.select({ at: min(t.pendingSince) }).from(t).where(inArray(t.state, ['PENDING', 'FAILING', 'DEAD']));
  const [pendingSteps] = await db.select({ n: count() }).from(dvcqgSyncStepsTable).where(eq(dvcqgSyncStepsTable.synced, false));
  const lag = consumers.length > 0 ? await consumerLag(db, consumers) : [];
  const where = state ? eq(t.state, state) : undefined;
  const [total] = await db.select({ n: count() }).from(t).where(where);
  const rows = await db.select({
    sync: t,
    dossierCode: dossiersTable.code,
    pendingSteps: sql<number>`(SELECT count(*)::int FROM ${dvcqgSyncStepsTable} s WHERE s.dossier_id = ${t.dossierId} AND NOT s.synced)`,
    syncedSteps: sql<number>`(SELECT count(*)::int FROM ${dvcqgSyncStepsTable} s WHERE s.dossier_id = ${t.dossierId} AND s.synced)`,
  }).from(t).innerJoin(dossiersTable, eq(dossiersTable.id, t.dossierId)).where(where)
    // Problems first: dead, then failing, then pending, then the most recently synced.
    .orderBy(sql`CASE ${t.state} WHEN 'DEAD' THEN 0 WHEN 'FAILING' THEN 1 WHEN 'PENDING' THEN 2 ELSE 3 END`, asc(t.pendingSince), sql`${t.syncedAt} DESC NULLS LAST`, asc(t.dossierId))
    .limit(pageSize).offset((page - 1) * pageSize);
  const oldestAt = oldest?.at ?? null;
  return {
    enabled: Boolean(config.dvcqgBaseUrl),
    paused: await isPaused(db),
    counts,
    lag: {
      pendingSteps: pendingSteps?.n ?? 0,
      oldestPendingAt: oldestAt ? oldestAt.toISOString() : null,
      lagSeconds: oldestAt ? Math.max(0, Math.round((Date.now() - oldestAt.getTime()) / 1000)) : 0,
      eventsNotConsumed: lag[0]?.lag ?? 0,
    },
    total: total?.n ?? 0,
    items: rows.map((r) => ({
      dossierId: r.sync.dossierId,
      dossierCode: r.dossierCode ?? '',
      portalCode: r.sync.portalCode,
      otherCode: r.sync.otherCode,
      state: r.sync.state,
      attempts: r.sync.attempts,
      nextAttemptAt: r.sync.nextAttemptAt?.toISOString() ?? null,
      pendingSince: r.sync.pendingSince?.toISOString() ?? null,
      syncedAt: r.sync.syncedAt?.toISOString() ?? null,
      pendingSteps: Number(r.pendingSteps),
      syncedSteps: Number(r.syncedSteps),
      lastError: r.sync.state === 'SYNCED' ? null : r.sync.lastError,
      lastRequest: r.sync.state === 'SYNCED' ? null : (r.sync.lastRequest ?? null),
      lastResponse: r.sync.state === 'SYNCED' ? null : (r.sync.lastResponse ?? null),
    })),
  };
}

/** Dead dossiers (the given ones, or every one) are due again at once with their attempts reset. */
export async function replayDeadLetters({ db, dossierIds, actorUserId, ip }: { db: Database; dossierIds: string[] | 'ALL'; actorUserId: string; ip: string }) {
  const t = dvcqgSyncDossiersTable;
  return db.transaction(async (tx) => {
    const where = dossierIds === 'ALL' ? eq(t.state, 'DEAD') : and(eq(t.state, 'DEAD'), inArray(t.dossierId, dossierIds.length ? dossierIds : ['']));
    const rows = await tx.update(t).set({ state: 'PENDING', attempts: 0, nextAttemptAt: null, leaseUntil: null, updatedAt: new Date() }).where(where).returning({ dossierId: t.dossierId });
    await recordAuditEvent({ db: tx, event: { actorUserId, action: 'DVCQG_SYNC_REPLAYED', subject: 'dvcqg-sync', ip, outcome: 'SUCCESS', details: { requested: dossierIds, replayed: rows.map((r) => r.dossierId) } } });
    return { replayed: rows.length, dossierIds: rows.map((r) => r.dossierId) };
  });
}

export async function setSyncPaused({ db, paused, actorUserId, ip }: { db: Database; paused: boolean; actorUserId: string; ip: string }) {
  return db.transaction(async (tx) => {
    await tx.insert(dvcqgSyncControlTable).values({ id: 1, paused, changedBy: actorUserId, changedAt: new Date() })
      .onConflictDoUpdate({ target: dvcqgSyncControlTable.id, set: { paused, changedBy: actorUserId, changedAt: new Date() } });
    await recordAuditEvent({ db: tx, event: { actorUserId, action: paused ? 'DVCQG_SYNC_PAUSED' : 'DVCQG_SYNC_RESUMED', subject: 'dvcqg-sync', ip, outcome: 'SUCCESS' } });
    return { paused };
  });
}
