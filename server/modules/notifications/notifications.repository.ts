import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

/**
 * One page of someone's notifications with the two counts, in one statement whatever the page
 * holds: the counts (one row) joined with the page's rows (none for someone without
 * notifications, or past the end). Built once per database handle and prepared (the bell is
 * read far more often than anything else a signed-in person asks for).
 */
function buildPageStatement(db: DbExecutor, unreadOnly: boolean) {
  const t = notificationsTable;
  const mine = eq(t.userId, sql.placeholder('userId'));
  const where = unreadOnly ? and(mine, isNull(t.readAt)) : mine;
  const counts = db.select({
    total: sql<number>`count(*)`.mapWith(Number).as('total'),
    unread: sql<number>`count(*) filter (where ${t.readAt} is null)`.mapWith(Number).as('unread'),
  }).from(t).where(where).as('counts');
  const pageRows = db.select().from(t).where(where).orderBy(desc(t.createdAt), desc(t.id))
    .limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).as('page_rows');
  return db.select({
    total: counts.total, unread: counts.unread,
    item: {
      id: pageRows.id, userId: pageRows.userId, kind: pageRows.kind, title: pageRows.title, body: pageRows.body, link: pageRows.link,
      dossierId: pageRows.dossierId, dedupeKey: pageRows.dedupeKey, createdAt: pageRows.createdAt, readAt: pageRows.readAt,
    },
  }).from(counts).leftJoin(pageRows, sql`true`).orderBy(desc(pageRows.createdAt), desc(pageRows.id))
    .prepare(unreadOnly ? 'notifications_page_unread' : 'notifications_page');
}

const pageStatements = new WeakMap<object, Map<boolean, ReturnType<typeof buildPageStatement>>>();

function pageStatement(db: DbExecutor, unreadOnly: boolean) {
  let byFilter = pageStatements.get(db);
  if (!byFilter) pageStatements.set(db, (byFilter = new Map()));
  let statement = byFilter.get(unreadOnly);
  if (!statement) byFilter.set(unreadOnly, (statement = buildPageStatement(db, unreadOnly)));
  return statement;
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
      const rows = await pageStatement(db, unreadOnly).execute({ userId, limit: pageSize, offset: (page - 1) * pageSize });
      const items = rows.flatMap((r) => (r.item ? [r.item] : []));
      return { items, total: rows[0]?.total ?? 0, unread: rows[0]?.unread ?? 0 };
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
