import { and, count, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { roleGrantsTable, usersTable, type OfficialRole } from '../identity/index.js';
import { notificationsTable } from './notifications.tables.js';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dossierId: string | null;
  dedupeKey: string;
}

export function createNotificationsRepository({ db }: { db: DbExecutor }) {
  const t = notificationsTable;
  return {
    /** Inserts unless the recipient already has this dedupe key; true when inserted. */
    async insert(n: NewNotification): Promise<boolean> {
      const rows = await db.insert(t).values({ id: createId('ntf'), ...n }).onConflictDoNothing({ target: [t.userId, t.dedupeKey] }).returning({ id: t.id });
      return rows.length > 0;
    },

    async page(userId: string, { unreadOnly, page, pageSize }: { unreadOnly: boolean; page: number; pageSize: number }) {
      const where = unreadOnly ? and(eq(t.userId, userId), isNull(t.readAt)) : eq(t.userId, userId);
      // One statement: the page with both counts as window aggregates (computed before LIMIT).
      const rows = await db.select({
        ...getTableColumns(t),
        total: sql<number>`count(*) over ()`.mapWith(Number),
        unread: sql<number>`count(*) filter (where ${t.readAt} is null) over ()`.mapWith(Number),
      }).from(t).where(where).orderBy(desc(t.createdAt), desc(t.id)).limit(pageSize).offset((page - 1) * pageSize);
      const items = rows.map(({ total: _total, unread: _unread, ...item }) => item);
      if (rows.length) return { items, total: rows[0]!.total, unread: rows[0]!.unread };
      // An empty page (no notifications, or a page past the end): the counts alone.
      const [counts] = await db.select({ total: count(), unread: sql<number>`count(*) filter (where ${t.readAt} is null)`.mapWith(Number) }).from(t).where(where);
      return { items, total: counts!.total, unread: counts!.unread };
    },

    /** Marks one notification read (the first time only); false when it is not the user's. */
    async markRead(userId: string, id: string, at: Date): Promise<boolean> {
      const [row] = await db.select({ id: t.id }).from(t).where(and(eq(t.id, id), eq(t.userId, userId)));
      if (!row) return false;
      await db.update(t).set({ readAt: at }).where(and(eq(t.id, id), isNull(t.readAt)));
      return true;
    },

    async markAllRead(userId: string, at: Date): Promise<number> {
      const rows = await db.update(t).set({ readAt: at }).where(and(eq(t.userId, userId), isNull(t.readAt))).returning({ id: t.id });
      return rows.length;
    },

    /** Active officials holding `role` on the unit (role_grants), with their e-mail. */
    async officialsHolding(unitId: string, role: OfficialRole): Promise<{ userId: string; email: string | null }[]> {
      // (user, role, unit) is unique in role_grants: one row per official.
      return db.select({ userId: usersTable.id, email: usersTable.email })
        .from(roleGrantsTable)
        .innerJoin(usersTable, eq(usersTable.id, roleGrantsTable.userId))
        .where(and(eq(roleGrantsTable.unitAgencyId, unitId), eq(roleGrantsTable.role, role), eq(usersTable.kind, 'OFFICIAL'), eq(usersTable.status, 'ACTIVE')))
        .orderBy(usersTable.id);
    },

    /** E-mail and status of users, for recipients named by id. */
    async usersByIds(ids: string[]): Promise<{ userId: string; email: string | null; active: boolean }[]> {
      if (ids.length === 0) return [];
      const rows = await db.select({ userId: usersTable.id, email: usersTable.email, status: usersTable.status }).from(usersTable)
        .where(inArray(usersTable.id, ids));
      return rows.map((r) => ({ userId: r.userId, email: r.email, active: r.status === 'ACTIVE' }));
    },
  };
}
