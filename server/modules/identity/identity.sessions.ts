/**
 * Server-side sessions. The cookie holds a random token; the database holds its SHA-256 as the
 * session id, so a leaked database copy cannot be replayed as cookies. A session ends at its
 * absolute expiry, after the idle timeout, or when revoked (sign-out, sign-out everywhere,
 * password reset).
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import { createRandomToken, hashToken } from './identity.models.js';
import { sessionsTable, usersTable } from './identity.tables.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

// last_seen_at is refreshed at most this often, so that reads do not each cost a write.
const TOUCH_INTERVAL_MS = 60_000;

/** Starts a session; returns the token for the cookie (never stored) and the session row. */
export async function startSession({ db, userId, policy, ip, userAgent, now = new Date() }: {
  db: DbExecutor; userId: string; policy: SessionPolicy; ip?: string; userAgent?: string; now?: Date;
}) {
  const token = createRandomToken();
  const [session] = await db.insert(sessionsTable).values({
    id: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    idleTimeoutSeconds: policy.idleMinutes * 60,
    ip: ip ?? null,
    userAgent: userAgent?.slice(0, 400) ?? null,
  }).returning();
  return { token, session: session! };
}

/** The live session and its active user for a cookie token, or undefined. Refreshes last_seen_at. */
export async function resolveSession({ db, token, now = new Date() }: { db: DbExecutor; token: string; now?: Date }) {
  const id = hashToken(token);
  const [row] = await db
    .select({ session: sessionsTable, user: usersTable })
    .from(sessionsTable)
    .innerJoin(usersTable, eq(usersTable.id, sessionsTable.userId))
    .where(and(
      eq(sessionsTable.id, id),
      isNull(sessionsTable.revokedAt),
      gt(sessionsTable.expiresAt, now),
      sql`${sessionsTable.lastSeenAt} + make_interval(secs => ${sessionsTable.idleTimeoutSeconds}) > ${now.toISOString()}::timestamptz`,
      eq(usersTable.status, 'ACTIVE'),
    ));
  if (!row) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessionsTable).set({ lastSeenAt: now }).where(eq(sessionsTable.id, id));
  }
  return row;
}

export async function revokeSession({ db, sessionId, now = new Date() }: { db: DbExecutor; sessionId: string; now?: Date }) {
  await db.update(sessionsTable).set({ revokedAt: now }).where(and(eq(sessionsTable.id, sessionId), isNull(sessionsTable.revokedAt)));
}

/** Revokes every live session of a user; returns how many were ended. */
export async function revokeAllSessions({ db, userId, now = new Date() }: { db: DbExecutor; userId: string; now?: Date }) {
  const rows = await db
    .update(sessionsTable)
    .set({ revokedAt: now })
    .where(and(eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt)))
    .returning({ id: sessionsTable.id });
  return rows.length;
}

/** Revokes every live session of a user but one (the caller's); returns how many were ended. */
export async function revokeOtherSessions({ db, userId, keepSessionId, now = new Date() }: { db: DbExecutor; userId: string; keepSessionId: string; now?: Date }) {
  const rows = await db
    .update(sessionsTable)
    .set({ revokedAt: now })
    .where(and(eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt), ne(sessionsTable.id, keepSessionId)))
    .returning({ id: sessionsTable.id });
  return rows.length;
}
