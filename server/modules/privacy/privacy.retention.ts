/**
 * Personal data retention (Law 91/2025/QH15, ADR 0022). Past the configured number of days:
 * - an expired online draft is deleted with its files (RETENTION_DRAFT_DAYS after its expiry);
 * - a withdrawn, refused or stopped dossier keeps its code, procedure, units, dates, statuses,
 *   events, payments, receipts and issued documents, but loses its personal data: the e-form
 *   answers, the applicant's details (name, ID number, phone, e-mail, address), the delivery
 *   address, who collected a result, and its attachments (rows and stored objects). It is marked
 *   `personal_data_purged_at`, a `dossier.personal_data_purged` event (officials only, ignored by
 *   the statistics facts) and a PERSONAL_DATA_PURGED audit entry are written in the same
 *   transaction; stored objects are deleted after it commits.
 * Dossiers under processing are never touched (only these three final statuses qualify).
 * A dry run reports what would be done and changes nothing.
 */
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { appendDossierEvent, dossierAttachmentsTable, dossierEventsTable, dossiersTable } from '../dossiers/index.js';

const DAY_MS = 24 * 3600 * 1000;
export const retentionRules = ['WITHDRAWN', 'REFUSED', 'STOPPED'] as const;
export type RetentionRule = (typeof retentionRules)[number];

export type RetentionConfig = Pick<Config, 'retentionDraftDays' | 'retentionWithdrawnDays' | 'retentionRefusedDays' | 'retentionStoppedDays'>;

export function retentionDays(config: RetentionConfig, rule: RetentionRule) {
  return rule === 'WITHDRAWN' ? config.retentionWithdrawnDays : rule === 'REFUSED' ? config.retentionRefusedDays : config.retentionStoppedDays;
}

export interface RetentionCandidate { id: string; code: string | null; rule: RetentionRule; endedAt: Date; files: number }
export interface RetentionReport {
  dryRun: boolean;
  /** Expired drafts deleted (or that would be). */
  drafts: { id: string; files: number }[];
  /** Closed dossiers whose personal data was purged (or would be). */
  dossiers: RetentionCandidate[];
  filesRemoved: number;
}

/** When the dossier reached its current status (the last event into it). */
const endedAt = sql<Date>`(SELECT max(ev.at) FROM ${dossierEventsTable} ev WHERE ev.dossier_id = "dossiers"."id" AND ev.to_status = "dossiers"."status")`;
/** How many attachments the dossier has. */
const fileCount = sql<number>`(SELECT count(*)::int FROM ${dossierAttachmentsTable} att WHERE att.dossier_id = "dossiers"."id")`;

async function findCandidates(db: Database, config: RetentionConfig, now: Date, limit: number): Promise<RetentionCandidate[]> {
  const d = dossiersTable;
  const found: RetentionCandidate[] = [];
  for (const rule of retentionRules) {
    const cutoff = new Date(now.getTime() - retentionDays(config, rule) * DAY_MS);
    const rows = await db.select({ id: d.id, code: d.code, endedAt: endedAt, files: fileCount })
      .from(d).where(and(eq(d.status, rule), isNull(d.personalDataPurgedAt), sql`${endedAt} <= ${cutoff.toISOString()}`)).orderBy(d.id).limit(limit);
    found.push(...rows.map((r) => ({ id: r.id, code: r.code, rule, endedAt: new Date(r.endedAt), files: Number(r.files) })));
  }
  return found;
}

async function findExpiredDrafts(db: Database, config: RetentionConfig, now: Date, limit: number) {
  const d = dossiersTable;
  const cutoff = new Date(now.getTime() - config.retentionDraftDays * DAY_MS);
  return db.select({ id: d.id, files: fileCount })
    .from(d).where(and(eq(d.status, 'DRAFT'), lte(d.draftExpiresAt, cutoff))).orderBy(d.id).limit(limit);
}

/** Purges one closed dossier in one transaction; answers the storage keys to delete, or null when it no longer qualifies. */
async function purgeDossier(db: Database, candidate: RetentionCandidate, days: number, now: Date): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, candidate.id)).for('update', { skipLocked: true });
    if (!row || row.status !== candidate.rule || row.personalDataPurgedAt) return null;
    const attachments = await tx.select({ id: dossierAttachmentsTable.id, storageKey: dossierAttachmentsTable.storageKey }).from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, row.id));
    if (attachments.length) await tx.delete(dossierAttachmentsTable).where(inArray(dossierAttachmentsTable.id, attachments.map((a) => a.id)));
    await tx.update(dossiersTable).set({
      answers: {},
      applicant: { fullName: '' },
      deliveryAddress: null,
      collectedBy: null,
      personalDataPurgedAt: now,
      version: sql`${dossiersTable.version} + 1`,
      updatedAt: now,
    }).where(eq(dossiersTable.id, row.id));
    const payload = { rule: candidate.rule, retentionDays: days, filesRemoved: attachments.length };
    await appendDossierEvent(tx, { dossierId: row.id, action: 'dossier.personal_data_purged', actorUserId: null, actorRole: 'SYSTEM', fromStatus: row.status, toStatus: row.status, payload });
    await recordAuditEvent({ db: tx, event: { actorUserId: null, action: 'PERSONAL_DATA_PURGED', subject: `dossier:${row.id}`, outcome: 'SUCCESS', details: { code: row.code, ...payload } } });
    return attachments.map((a) => a.storageKey);
  });
}

/** Runs the retention rules once over at most `limit` dossiers of each kind. */
export async function runRetention(
  { db, storage, config }: { db: Database; storage: ObjectStorage; config: RetentionConfig },
  { now = new Date(), dryRun = false, limit = 500 }: { now?: Date; dryRun?: boolean; limit?: number } = {},
): Promise<RetentionReport> {
  const drafts = (await findExpiredDrafts(db, config, now, limit)).map((r) => ({ id: r.id, files: Number(r.files) }));
  const candidates = await findCandidates(db, config, now, limit);
  if (dryRun) return { dryRun, drafts, dossiers: candidates, filesRemoved: 0 };

  let filesRemoved = 0;
  const deletedDrafts: { id: string; files: number }[] = [];
  for (const draft of drafts) {
    const keys = await db.transaction(async (tx) => {
      const [row] = await tx.select({ id: dossiersTable.id }).from(dossiersTable)
        .where(and(eq(dossiersTable.id, draft.id), eq(dossiersTable.status, 'DRAFT'))).for('update', { skipLocked: true });
      if (!row) return null;
      const files = await tx.select({ storageKey: dossierAttachmentsTable.storageKey }).from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, row.id));
      await tx.delete(dossiersTable).where(eq(dossiersTable.id, row.id));
      return files.map((f) => f.storageKey);
    });
    if (!keys) continue;
    for (const key of keys) await storage.delete(key);
    filesRemoved += keys.length;
    deletedDrafts.push({ id: draft.id, files: keys.length });
  }
  const purged: RetentionCandidate[] = [];
  for (const c of candidates) {
    const keys = await purgeDossier(db, c, retentionDays(config, c.rule), now);
    if (!keys) continue;
    for (const key of keys) await storage.delete(key);
    filesRemoved += keys.length;
    purged.push({ ...c, files: keys.length });
  }
  return { dryRun, drafts: deletedDrafts, dossiers: purged, filesRemoved };
}

/** Runs batches until one leaves nothing more (bounded by maxRounds). */
export async function runRetentionUntilDone(deps: { db: Database; storage: ObjectStorage; config: RetentionConfig }, { now = new Date(), dryRun = false, batch = 500, maxRounds = 100 } = {}): Promise<RetentionReport> {
  const total: RetentionReport = { dryRun, drafts: [], dossiers: [], filesRemoved: 0 };
  for (let round = 0; round < maxRounds; round++) {
    const r = await runRetention(deps, { now, dryRun, limit: batch });
    total.drafts.push(...r.drafts);
    total.dossiers.push(...r.dossiers);
    total.filesRemoved += r.filesRemoved;
    if (dryRun || (r.drafts.length < batch && r.dossiers.length < batch * retentionRules.length)) break;
  }
  return total;
}

/** One line for the CLI and the job's log. */
export function describeRetention(r: RetentionReport) {
  const by = (rule: RetentionRule) => r.dossiers.filter((d) => d.rule === rule).length;
  const verb = r.dryRun ? 'would purge' : 'purged';
  return `${r.dryRun ? '[dry run] ' : ''}${verb} the personal data of ${r.dossiers.length} dossiers (withdrawn ${by('WITHDRAWN')}, refused ${by('REFUSED')}, stopped ${by('STOPPED')}); `
    + `${r.dryRun ? 'would delete' : 'deleted'} ${r.drafts.length} expired drafts; files ${r.dryRun ? 'to remove' : 'removed'}: ${r.dryRun ? r.drafts.reduce((n, d) => n + d.files, 0) + r.dossiers.reduce((n, d) => n + d.files, 0) : r.filesRemoved}`;
}
