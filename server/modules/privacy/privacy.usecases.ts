/**
 * Personal data exports: one's own (`GET /me/personal-data/export`) and, on a documented request,
 * an applicant's by an administrator. Every export is audited with who, when, for whom and the
 * archive's size, before the archive is sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/create-database.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import type { ObjectStorage } from '../../platform/storage/index.js';
import { usersTable } from '../identity/index.js';
import { createUserNotFoundError } from './privacy.errors.js';
import { collectPersonalData, writePersonalDataZip } from './privacy.export.js';

export interface PreparedExport {
  file: string;
  size: number;
  fileName: string;
  /** Removes the temporary archive (call once it is sent). */
  cleanup: () => Promise<void>;
}

export async function preparePersonalDataExport(
  { db, storage }: { db: Database; storage: ObjectStorage },
  { subjectUserId, actorUserId, ip, reason, now = new Date() }: { subjectUserId: string; actorUserId: string; ip?: string | null; reason?: string; now?: Date },
): Promise<PreparedExport> {
  const [subject] = await db.select({ id: usersTable.id, kind: usersTable.kind }).from(usersTable).where(eq(usersTable.id, subjectUserId));
  // An administrator exports applicants' data only; officials' own accounts use their own export.
  if (!subject || (reason !== undefined && subject.kind === 'OFFICIAL')) throw createUserNotFoundError();
  const data = await collectPersonalData(db, subjectUserId, now);
  const written = await writePersonalDataZip(storage, data);
  const dossiers = (data.document.dossiers as unknown[]).length;
  try {
    await recordAuditEvent({
      db,
      event: {
        actorUserId,
        action: reason === undefined ? 'PERSONAL_DATA_EXPORTED' : 'PERSONAL_DATA_EXPORTED_ON_REQUEST',
        subject: `user:${subjectUserId}`,
        ip: ip ?? null,
        outcome: 'SUCCESS',
        details: { sizeBytes: written.size, files: written.files, dossiers, ...(reason === undefined ? {} : { reason }) },
      },
    });
  } catch (err) {
    await fs.promises.rm(path.dirname(written.file), { recursive: true, force: true });
    throw err;
  }
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now).replaceAll('-', '');
  return {
    file: written.file,
    size: written.size,
    fileName: `du-lieu-ca-nhan-${day}.zip`,
    cleanup: () => fs.promises.rm(path.dirname(written.file), { recursive: true, force: true }),
  };
}
