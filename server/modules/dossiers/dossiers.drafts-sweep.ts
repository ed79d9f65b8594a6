/**
 * The draft-expiry sweep: drafts that expire within DRAFT_EXPIRY_WARNING_DAYS get one warning
 * e-mail; drafts past their expiry are deleted with their files. Safe to run on several nodes at
 * once (rows are locked and skipped when another sweep holds them) and as often as wanted.
 */
import { formatVnDate } from './dossiers.models.js';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossiersTable } from './dossiers.tables.js';

const DAY_MS = 24 * 3600 * 1000;

export async function sweepDrafts({ db, config, storage, now = new Date(), batch = 200 }: { db: Database; config: Config; storage: ObjectStorage; now?: Date; batch?: number }) {
  const warned = await db.transaction(async (tx) => {
    const rows = await tx.select().from(dossiersTable)
      .where(and(eq(dossiersTable.status, 'DRAFT'), isNull(dossiersTable.draftWarningSentAt), lte(dossiersTable.draftExpiresAt, new Date(now.getTime() + config.draftExpiryWarningDays * DAY_MS)), sql`${dossiersTable.draftExpiresAt} > ${now.toISOString()}`))
      .limit(batch).for('update', { skipLocked: true });
    for (const d of rows) {
      if (d.applicant.email && d.draftExpiresAt) {
        await enqueueMail(tx, {
          to: d.applicant.email,
          subject: 'Hồ sơ đang soạn sắp bị xóa',
          text: `Hồ sơ bạn đang soạn trên Cổng Dịch vụ công chưa được nộp và sẽ bị xóa vào ngày ${formatVnDate(d.draftExpiresAt)}. Mở mục "Hồ sơ của tôi" để tiếp tục và nộp hồ sơ; mỗi lần lưu sẽ gia hạn thêm ${config.draftExpiryDays} ngày.`,
        }, { messageId: `draft-expiry-${d.id}-${d.draftExpiresAt.getTime()}` });
      }
      await tx.update(dossiersTable).set({ draftWarningSentAt: now }).where(eq(dossiersTable.id, d.id));
    }
    return rows.length;
  });

  const { deleted, keys } = await db.transaction(async (tx) => {
    const rows = await tx.select({ id: dossiersTable.id }).from(dossiersTable)
      .where(and(eq(dossiersTable.status, 'DRAFT'), lte(dossiersTable.draftExpiresAt, new Date(now.getTime() - config.retentionDraftDays * DAY_MS))))
      .limit(batch).for('update', { skipLocked: true });
    const repo = createDossiersRepository({ db: tx });
    const keys: string[] = [];
    for (const r of rows) {
      keys.push(...(await repo.listAttachments(r.id)).map((a) => a.storageKey));
      await repo.deleteDossier(r.id);
    }
    return { deleted: rows.length, keys };
  });
  for (const key of keys) await storage.delete(key).catch(() => {});
  return { warned, deleted, filesRemoved: keys.length };
}
