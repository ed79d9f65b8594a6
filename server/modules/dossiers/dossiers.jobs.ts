/**
 * Background work of the dossier module, on the platform job queue:
 * - `dossiers.sweep-drafts`, on a cron schedule (DRAFT_SWEEP_CRON) written by worker nodes: the
 *   draft-expiry sweep (warning e-mails, then deletion with files);
 * - `files.rescan`, enqueued by the upload transaction when the scanner was unavailable: the
 *   quarantined file is scanned again, with retries and exponential backoff, and marked CLEAN or
 *   INFECTED (then its stored object is deleted and the applicant is told to replace it).
 */
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { MalwareScanner } from '../../platform/files/index.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../../platform/jobs/job-queue.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { sweepDrafts } from './dossiers.drafts-sweep.js';
import { scanMessage } from './dossiers.models.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossierAttachmentsTable, dossiersTable } from './dossiers.tables.js';

export const DOSSIERS_SWEEP_DRAFTS = 'dossiers.sweep-drafts';
export const FILES_RESCAN = 'files.rescan';

export const sweepDraftsQueue: QueueDefinition = { name: DOSSIERS_SWEEP_DRAFTS, retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 900 };
/** Per-job retry options come from MALWARE_RESCAN_* (see enqueueRescan). */
export const filesRescanQueue: QueueDefinition = { name: FILES_RESCAN, retryLimit: 10, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 600 };

export interface RescanJobData {
  attachmentId: string;
}

/** Writes the rescan job of a quarantined attachment with the caller's transaction. */
export function enqueueRescan(tx: Pick<DbExecutor, 'execute'>, config: Pick<Config, 'malwareRescanDelaySeconds' | 'malwareRescanAttempts'>, attachmentId: string) {
  return enqueueInTransaction<RescanJobData>(tx, FILES_RESCAN, { attachmentId }, {
    singletonKey: attachmentId,
    startAfter: config.malwareRescanDelaySeconds,
    retryDelaySeconds: config.malwareRescanDelaySeconds,
    retryBackoff: true,
    retryLimit: config.malwareRescanAttempts - 1,
  });
}

/**
 * Scans a quarantined attachment again. A scanner still unavailable throws (the job is retried);
 * a file no longer quarantined, or removed meanwhile, is left alone.
 */
export async function rescanAttachment(
  { db, storage, scanner }: { db: Database; storage: ObjectStorage; scanner: MalwareScanner },
  attachmentId: string,
): Promise<'CLEAN' | 'INFECTED' | 'SKIPPED'> {
  const t = dossierAttachmentsTable;
  const [attachment] = await db.select().from(t).where(eq(t.id, attachmentId));
  if (!attachment || attachment.scanStatus !== 'PENDING') return 'SKIPPED';
  if (!(await storage.exists(attachment.storageKey))) return 'SKIPPED';
  const verdict = await scanner.scan({ key: attachment.storageKey });
  if (verdict.status === 'clean') {
    const updated = await db.update(t).set({ scanStatus: 'CLEAN' }).where(and(eq(t.id, attachmentId), eq(t.scanStatus, 'PENDING'))).returning({ id: t.id });
    return updated.length > 0 ? 'CLEAN' : 'SKIPPED';
  }
  const marked = await db.transaction(async (tx) => {
    const [dossier] = await tx.select().from(dossiersTable).where(eq(dossiersTable.id, attachment.dossierId)).for('update');
    const updated = await tx.update(t).set({ scanStatus: 'INFECTED' }).where(and(eq(t.id, attachmentId), eq(t.scanStatus, 'PENDING'))).returning({ id: t.id });
    if (!dossier || updated.length === 0) return false;
    await createDossiersRepository({ db: tx }).insertEvent({
      dossierId: dossier.id, action: 'dossier.attachment_infected', actorUserId: null, actorRole: 'SYSTEM', actorUnitId: null,
      fromStatus: dossier.status, toStatus: dossier.status, reason: scanMessage({ scanStatus: 'INFECTED', originalName: attachment.originalName }),
      payload: { attachmentId, componentId: attachment.componentId, signature: verdict.signature },
    });
    if (dossier.applicant.email) {
      await enqueueMail(tx, {
        to: dossier.applicant.email,
        subject: 'Tệp đính kèm hồ sơ có mã độc đã bị xóa',
        text: [
          `Kính gửi ${dossier.applicant.fullName},`,
          '',
          scanMessage({ scanStatus: 'INFECTED', originalName: attachment.originalName }),
          `Mở mục "Hồ sơ của tôi"${dossier.code ? `, hồ sơ ${dossier.code},` : ''} để thay tệp.`,
        ].join('\n'),
      }, { messageId: `attachment-infected-${attachmentId}` });
    }
    return true;
  });
  if (!marked) return 'SKIPPED';
  await storage.delete(attachment.storageKey).catch(() => {});
  return 'INFECTED';
}

/** Runs the sweep until a round leaves nothing to do (each round handles one batch). */
export async function runDraftSweep(deps: { db: Database; config: Config; storage: ObjectStorage }, { batch = 200, maxRounds = 50 } = {}) {
  const total = { warned: 0, deleted: 0, filesRemoved: 0 };
  for (let round = 0; round < maxRounds; round++) {
    const r = await sweepDrafts({ ...deps, batch });
    total.warned += r.warned;
    total.deleted += r.deleted;
    total.filesRemoved += r.filesRemoved;
    if (r.warned < batch && r.deleted < batch) break;
  }
  return total;
}

type Logger = { info(obj: object, msg?: string): void };

/** Registers the dossier workers and the sweep's schedule (written by worker nodes at start). */
export async function registerDossierJobs(jobs: JobQueue, deps: { db: Database; config: Config; storage: ObjectStorage; scanner: MalwareScanner; logger?: Logger }) {
  const { db, config, storage, scanner, logger } = deps;
  await jobs.work(DOSSIERS_SWEEP_DRAFTS, async () => {
    const result = await runDraftSweep({ db, config, storage });
    logger?.info({ ...result }, 'draft-expiry sweep');
  });
  await jobs.schedule(DOSSIERS_SWEEP_DRAFTS, config.draftSweepCron);
  await jobs.work<RescanJobData>(FILES_RESCAN, async (job) => {
    const outcome = await rescanAttachment({ db, storage, scanner }, job.data.attachmentId);
    logger?.info({ attachmentId: job.data.attachmentId, outcome, attempt: job.retryCount + 1 }, 'quarantined file rescanned');
  });
}
