/**
 * Notifications: the in-app row (the portal's bell) and its e-mail copy, both written in the
 * caller's transaction, so that a rolled-back change notifies nobody. Each is idempotent on its
 * dedupe key: the same event never notifies the same person twice (unique (user, dedupe key);
 * the e-mail's message id is `dedupeKey:recipient`, sent at most once by mail.send).
 * Texts are the caller's (Vietnamese).
 */
import type { Config } from '../../platform/config/config.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import type { OfficialRole } from '../identity/index.js';
import { createNotificationNotFoundError } from './notifications.errors.js';
import { createNotificationsRepository } from './notifications.repository.js';
import type { NotificationRow } from './notifications.tables.js';

export interface NotificationMessage {
  /** e.g. `dossier.received`, `deadline.step_approaching`. */
  kind: string;
  title: string;
  body: string;
  /** A portal path (`/ho-so/{id}`); e-mails carry it as an absolute address under PUBLIC_URL. */
  link?: string | null;
  dossierId?: string | null;
  /** Names the event: the same key never notifies the same recipient twice. */
  dedupeKey: string;
}

export interface NotificationInput extends NotificationMessage {
  /** The recipient's account: gets the in-app notification. */
  userId?: string | null;
  /** Gets the e-mail copy. */
  email?: string | null;
}

type Tx = Pick<DbExecutor, 'select' | 'insert' | 'update' | 'execute'>;
/** Where links in e-mails point (PUBLIC_URL); pass the app's config. */
export type NotifyOptions = Partial<Pick<Config, 'publicUrl'>>;

/** `/ho-so/x` under the public address; absolute links are kept; null without a base to resolve against. */
export function absoluteLink(link: string | null | undefined, publicUrl: string | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** The e-mail text: the body, then the absolute link when there is one. */
export function mailText(body: string, link: string | null | undefined, publicUrl: string | undefined): string {
  const url = absoluteLink(link, publicUrl);
  return url ? `${body}\n\n${url}` : body;
}

export interface NotifyResult {
  /** The in-app row was written (false: none asked, or already there). */
  inApp: boolean;
  /** The e-mail's message id, when an e-mail was asked for. */
  mailMessageId: string | null;
}

/**
 * Notifies one person in the caller's transaction: the in-app row when `userId` is given, the
 * e-mail when `email` is given. Pass the config as `options` so that e-mails carry absolute links.
 */
export async function notify(tx: Tx, n: NotificationInput, options: NotifyOptions = {}): Promise<NotifyResult> {
  let inApp = false;
  if (n.userId) {
    inApp = await createNotificationsRepository({ db: tx as DbExecutor }).insert({
      userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, dossierId: n.dossierId ?? null, dedupeKey: n.dedupeKey,
    });
  }
  let mailMessageId: string | null = null;
  if (n.email) {
    mailMessageId = await enqueueMail(tx, { to: n.email, subject: n.title, text: mailText(n.body, n.link, options.publicUrl) }, { messageId: `${n.dedupeKey}:${n.userId ?? n.email}` });
  }
  return { inApp, mailMessageId };
}

/**
 * Notifies the given accounts (in-app and e-mail to their address); disabled accounts and
 * repeated ids are skipped. Returns the ids notified.
 */
export async function notifyUsers(tx: Tx, userIds: readonly string[], message: NotificationMessage, options: NotifyOptions = {}): Promise<string[]> {
  const unique = [...new Set(userIds)];
  const users = await createNotificationsRepository({ db: tx as DbExecutor }).usersByIds(unique);
  const notified: string[] = [];
  for (const u of users.filter((x) => x.active)) {
    await notify(tx, { ...message, userId: u.userId, email: u.email }, options);
    notified.push(u.userId);
  }
  return notified;
}

/** Every active official holding `role` on the unit; returns their ids. */
export async function officialsHoldingRole(tx: Tx, { unitId, role }: { unitId: string; role: OfficialRole }): Promise<{ userId: string; email: string | null }[]> {
  return createNotificationsRepository({ db: tx as DbExecutor }).officialsHolding(unitId, role);
}

/**
 * Notifies every active official holding `role` on `unitId` (role_grants), in-app and by
 * e-mail. Returns the ids notified.
 */
export async function notifyUnitRole(tx: Tx, n: NotificationMessage & { unitId: string; role: OfficialRole }, options: NotifyOptions = {}): Promise<string[]> {
  const { unitId, role, ...message } = n;
  const holders = await officialsHoldingRole(tx, { unitId, role });
  for (const h of holders) await notify(tx, { ...message, userId: h.userId, email: h.email }, options);
  return holders.map((h) => h.userId);
}

const view = (r: NotificationRow) => ({
  id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, dossierId: r.dossierId,
  createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null,
});

export async function listMyNotifications({ db }: { db: DbExecutor }, { userId, unreadOnly, page, pageSize }: { userId: string; unreadOnly: boolean; page: number; pageSize: number }) {
  const result = await createNotificationsRepository({ db }).page(userId, { unreadOnly, page, pageSize });
  return { items: result.items.map(view), page, pageSize, total: result.total, unread: result.unread };
}

export async function markNotificationRead({ db }: { db: DbExecutor }, { userId, notificationId, now = new Date() }: { userId: string; notificationId: string; now?: Date }) {
  if (!(await createNotificationsRepository({ db }).markRead(userId, notificationId, now))) throw createNotificationNotFoundError();
}

export async function markAllNotificationsRead({ db }: { db: DbExecutor }, { userId, now = new Date() }: { userId: string; now?: Date }) {
  return createNotificationsRepository({ db }).markAllRead(userId, now);
}
