// Provisional: replaced by the notifications module (in-app list, routes) when it lands.
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import { notificationsTable } from './notifications.tables.js';

export interface NotificationInput {
  userId?: string | null;
  email?: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  dossierId?: string | null;
  dedupeKey: string;
}

export async function notify(tx: DbExecutor, n: NotificationInput) {
  if (n.userId) {
    await tx.insert(notificationsTable).values({ id: createId('ntf'), userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, dossierId: n.dossierId ?? null, dedupeKey: n.dedupeKey }).onConflictDoNothing();
  }
  if (n.email) await enqueueMail(tx, { to: n.email, subject: n.title, text: n.body }, { messageId: `${n.dedupeKey}:${n.userId ?? n.email}` });
}
