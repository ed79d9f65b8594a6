/**
 * Sign-in throttling, per account and per client address, kept in the database so that every app
 * node sees the same counters. After the free failures each further failure doubles the wait
 * (capped). Nothing here answers differently from a wrong password: the caller refuses a throttled
 * attempt with `auth.invalid_credentials`.
 */
import { eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/record-audit-event.js';
import type { Config } from '../../platform/config/config.js';
import type { Database, DbExecutor } from '../../platform/db/create-database.js';
import type { ClientInfo } from './identity.deps.js';
import { throttledUntil, type ThrottlePolicy } from './identity.models.js';
import { createIdentityRepository } from './identity.repository.js';
import { loginSourceThrottlesTable } from './identity.tables.js';

/** A client address's failures older than this no longer count. */
const SOURCE_WINDOW_MS = 3_600_000;

type ThrottleConfig = Pick<Config, 'loginThrottleFreeFailures' | 'loginThrottleSourceFreeFailures' | 'loginThrottleBaseSeconds' | 'loginThrottleMaxSeconds'>;

const accountPolicy = (config: ThrottleConfig): ThrottlePolicy => ({ freeFailures: config.loginThrottleFreeFailures, baseSeconds: config.loginThrottleBaseSeconds, maxSeconds: config.loginThrottleMaxSeconds });
const sourcePolicy = (config: ThrottleConfig): ThrottlePolicy => ({ freeFailures: config.loginThrottleSourceFreeFailures, baseSeconds: config.loginThrottleBaseSeconds, maxSeconds: config.loginThrottleMaxSeconds });

/** Until when sign-ins from this address wait, or undefined. */
export async function sourceThrottledUntil({ db, source }: { db: DbExecutor; source: string | undefined }) {
  if (!source) return undefined;
  const [row] = await db.select({ blockedUntil: loginSourceThrottlesTable.blockedUntil }).from(loginSourceThrottlesTable).where(eq(loginSourceThrottlesTable.source, source));
  return row?.blockedUntil ?? undefined;
}

/** Counts a failed sign-in against the client address (one statement, safe across nodes). */
async function registerSourceFailure({ db, config, source, now }: { db: DbExecutor; config: ThrottleConfig; source: string | undefined; now: Date }) {
  if (!source) return;
  const t = loginSourceThrottlesTable;
  const windowStart = new Date(now.getTime() - SOURCE_WINDOW_MS).toISOString();
  const [row] = await db
    .insert(t)
    .values({ source, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: t.source,
      set: { failures: sql`CASE WHEN ${t.lastFailureAt} < ${windowStart}::timestamptz THEN 1 ELSE ${t.failures} + 1 END`, lastFailureAt: now },
    })
    .returning({ failures: t.failures });
  const until = throttledUntil(row!.failures, sourcePolicy(config), now);
  if (until) await db.update(t).set({ blockedUntil: until }).where(eq(t.source, source));
}

/** A failed sign-in with a login that matches no usable account: counts against the address only. */
export async function registerUnknownLoginFailure({ db, config, client, now }: { db: Database; config: ThrottleConfig; client: ClientInfo; now: Date }) {
  await registerSourceFailure({ db, config, source: client.ip, now });
}

/**
 * A failed sign-in on an account (wrong password or code): counts against the account under a
 * row lock and against the address, and records it in the audit trail.
 */
export async function registerAccountFailure({ db, config, userId, reason, client, now }: { db: Database; config: ThrottleConfig; userId: string; reason: string; client: ClientInfo; now: Date }) {
  await db.transaction(async (tx) => {
    const repo = createIdentityRepository({ db: tx });
    const current = await repo.getUserById(userId, { forUpdate: true });
    const failures = (current?.failedLoginCount ?? 0) + 1;
    const until = throttledUntil(failures, accountPolicy(config), now);
    await repo.updateUser(userId, { failedLoginCount: failures, lockedUntil: until });
    const base = { subject: `user:${userId}`, ip: client.ip };
    await recordAuditEvent({ db: tx, event: { ...base, action: 'LOGIN_FAILED', outcome: 'FAILURE', details: { reason } } });
    if (until) await recordAuditEvent({ db: tx, event: { ...base, action: 'LOGIN_THROTTLED', outcome: 'DENIED', details: { until: until.toISOString(), failures } } });
  });
  await registerSourceFailure({ db, config, source: client.ip, now });
}
