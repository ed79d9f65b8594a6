/**
 * Administration of webhook subscriptions: register (the secret is shown once), list, disable,
 * enable, rotate the secret with an overlap, the messages and attempts, replay of dead letters
 * and a test event. Audited.
 */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { recordAuditEvent } from '../../platform/audit/index.js';
import { sealSecret } from '../../platform/secrets/index.js';
import { attemptMessage, type Clock } from './webhooks.delivery.js';
import {
  createForbiddenTargetError, createInvalidUrlError, createSubscriptionDisabledError, createSubscriptionNotFoundError, createUnresolvableHostError,
} from './webhooks.errors.js';
import { TEST_EVENT, type WebhookBody } from './webhooks.models.js';
import type { WebhookSender } from './webhooks.sender.js';
import { webhookSecretContext } from './webhooks.secrets.js';
import { createWebhookSecret } from './webhooks.signing.js';
import { checkTarget, ForbiddenTargetError } from './webhooks.ssrf.js';
import { webhookAttemptsTable, webhookMessagesTable, webhookSubscriptionsTable, type MessageStatus, type WebhookSubscriptionRow } from './webhooks.tables.js';

type Actor = { userId: string; email?: string | null; ip: string };

/** Refuses a URL that is not http(s), has credentials, or resolves to a forbidden address. */
export async function checkSubscriptionUrl(raw: string, config: Pick<Config, 'webhookAllowedHosts'>) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw createInvalidUrlError();
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || !url.hostname) throw createInvalidUrlError();
  try {
    await checkTarget(url.hostname, config.webhookAllowedHosts);
  } catch (err) {
    if (err instanceof ForbiddenTargetError) throw createForbiddenTargetError({ details: { host: err.host, address: err.address } });
    throw createUnresolvableHostError({ details: { host: url.hostname } });
  }
  return url.toString();
}

async function getSubscription(db: Database, id: string) {
  const [row] = await db.select().from(webhookSubscriptionsTable).where(eq(webhookSubscriptionsTable.id, id));
  if (!row) throw createSubscriptionNotFoundError();
  return row;
}

export function presentSubscription(row: WebhookSubscriptionRow, counts: Partial<Record<MessageStatus, number>> = {}) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    status: row.status,
    secretRotatedOverlapUntil: row.previousSecret && row.previousSecretUntil ? row.previousSecretUntil.toISOString() : null,
    failingSince: row.failingSince?.toISOString() ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    counts: { PENDING: counts.PENDING ?? 0, FAILING: counts.FAILING ?? 0, DELIVERED: counts.DELIVERED ?? 0, DEAD: counts.DEAD ?? 0 },
  };
}

export async function createSubscription({ db, config, input, actor }: { db: Database; config: Pick<Config, 'webhookAllowedHosts'>; input: { url: string; eventTypes: string[]; description?: string }; actor: Actor }) {
  const url = await checkSubscriptionUrl(input.url, config);
  const secret = createWebhookSecret();
  const id = createId('whk');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(webhookSubscriptionsTable).values({
      id, url, description: input.description?.trim() || null, eventTypes: [...new Set(input.eventTypes)], secret: sealSecret(secret, webhookSecretContext(id)), ownerUserId: actor.userId, ownerEmail: actor.email ?? null,
    }).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'WEBHOOK_SUBSCRIPTION_CREATED', subject: `webhook:${row!.id}`, ip: actor.ip, outcome: 'SUCCESS', details: { url, eventTypes: row!.eventTypes } } });
    return { ...presentSubscription(row!), secret };
  });
}

export async function listSubscriptions({ db }: { db: Database }) {
  const rows = await db.select().from(webhookSubscriptionsTable).orderBy(desc(webhookSubscriptionsTable.createdAt));
  const counts = await db.select({ sub: webhookMessagesTable.subscriptionId, status: webhookMessagesTable.status, n: count() }).from(webhookMessagesTable)
    .groupBy(webhookMessagesTable.subscriptionId, webhookMessagesTable.status);
  const bySub = new Map<string, Partial<Record<MessageStatus, number>>>();
  for (const c of counts) bySub.set(c.sub, { ...(bySub.get(c.sub) ?? {}), [c.status]: c.n });
  return { items: rows.map((r) => presentSubscription(r, bySub.get(r.id))) };
}

export async function setSubscriptionStatus({ db, id, status, actor }: { db: Database; id: string; status: 'ACTIVE' | 'DISABLED'; actor: Actor }) {
  await getSubscription(db, id);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(webhookSubscriptionsTable).set(status === 'DISABLED'
      ? { status, disabledAt: new Date(), disabledReason: 'Quản trị viên tạm dừng.', updatedAt: new Date() }
      : { status, disabledAt: null, disabledReason: null, failingSince: null, updatedAt: new Date() }).where(eq(webhookSubscriptionsTable.id, id)).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: status === 'DISABLED' ? 'WEBHOOK_SUBSCRIPTION_DISABLED' : 'WEBHOOK_SUBSCRIPTION_ENABLED', subject: `webhook:${id}`, ip: actor.ip, outcome: 'SUCCESS' } });
    return presentSubscription(row!);
  });
}

/** A new secret, shown once; the previous one keeps signing (a second signature) during the overlap. */
export async function rotateSecret({ db, id, overlapHours, actor, now = new Date() }: { db: Database; id: string; overlapHours: number; actor: Actor; now?: Date }) {
  const current = await getSubscription(db, id);
  const secret = createWebhookSecret();
  const previousSecretUntil = new Date(now.getTime() + overlapHours * 3_600_000);
  return db.transaction(async (tx) => {
    // The previous secret keeps its sealed form: both columns of a row share one sealing context.
    const [row] = await tx.update(webhookSubscriptionsTable).set({ secret: sealSecret(secret, webhookSecretContext(id)), previousSecret: overlapHours > 0 ? current.secret : null, previousSecretUntil: overlapHours > 0 ? previousSecretUntil : null, updatedAt: now })
      .where(eq(webhookSubscriptionsTable.id, id)).returning();
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'WEBHOOK_SECRET_ROTATED', subject: `webhook:${id}`, ip: actor.ip, outcome: 'SUCCESS', details: { overlapHours } } });
    return { ...presentSubscription(row!), secret, previousSecretValidUntil: overlapHours > 0 ? previousSecretUntil.toISOString() : null };
  });
}

export async function listMessages({ db, subscriptionId, status, limit }: { db: Database; subscriptionId: string; status?: MessageStatus; limit: number }) {
  await getSubscription(db, subscriptionId);
  const m = webhookMessagesTable;
  const rows = await db.select().from(m).where(and(eq(m.subscriptionId, subscriptionId), status ? eq(m.status, status) : undefined))
    .orderBy(desc(m.position), desc(m.rank), desc(m.createdAt)).limit(limit);
  const attempts = rows.length === 0 ? [] : await db.select().from(webhookAttemptsTable).where(inArray(webhookAttemptsTable.messageId, rows.map((r) => r.id))).orderBy(desc(webhookAttemptsTable.at));
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      dossierCode: r.dossierCode,
      position: r.position,
      status: r.status,
      attempts: r.attempts,
      queuedAt: r.queuedAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      lastError: r.lastError,
      body: JSON.parse(r.body) as WebhookBody,
      attemptLog: attempts.filter((a) => a.messageId === r.id).slice(0, 20).map((a) => ({
        at: a.at.toISOString(), httpStatus: a.httpStatus, latencyMs: a.latencyMs, ok: a.ok, responseExcerpt: a.responseExcerpt, error: a.error, trigger: a.trigger,
      })),
    })),
  };
}

/** Dead letters (the given ones, or every one of the subscription) are queued again at once. */
export async function replayMessages({ db, subscriptionId, messageIds, actor, clock = () => new Date() }: { db: Database; subscriptionId: string; messageIds: string[] | 'ALL'; actor: Actor; clock?: Clock }) {
  await getSubscription(db, subscriptionId);
  const m = webhookMessagesTable;
  return db.transaction(async (tx) => {
    const where = and(eq(m.subscriptionId, subscriptionId), eq(m.status, 'DEAD'), messageIds === 'ALL' ? undefined : inArray(m.id, messageIds.length ? messageIds : ['']));
    const rows = await tx.update(m).set({ status: 'PENDING', attempts: 0, nextAttemptAt: null, lastError: null, queuedAt: clock() }).where(where).returning({ id: m.id });
    await recordAuditEvent({ db: tx, event: { actorUserId: actor.userId, action: 'WEBHOOK_MESSAGES_REPLAYED', subject: `webhook:${subscriptionId}`, ip: actor.ip, outcome: 'SUCCESS', details: { requested: messageIds, replayed: rows.map((r) => r.id) } } });
    return { replayed: rows.length, messageIds: rows.map((r) => r.id) };
  });
}

/** Sends a `webhook.test` message now, signed like any other; a failure is kept as a dead letter. */
export async function sendTestEvent({ db, id, send, actor, now = new Date() }: { db: Database; id: string; send: WebhookSender; actor: Actor; now?: Date }) {
  const sub = await getSubscription(db, id);
  if (sub.status !== 'ACTIVE') throw createSubscriptionDisabledError();
  const body: WebhookBody = {
    type: TEST_EVENT,
    timestamp: now.toISOString(),
    data: { dossierCode: null, status: null, previousStatus: null, procedureCode: null, eventId: null, eventType: TEST_EVENT, position: 0, occurredAt: now.toISOString(), message: 'Sự kiện thử từ OpenDVC / test event from OpenDVC' },
  };
  const [message] = await db.insert(webhookMessagesTable).values({ id: createId('msg'), subscriptionId: id, eventId: null, position: 0, type: TEST_EVENT, body: JSON.stringify(body), status: 'DEAD', queuedAt: now }).returning();
  const result = await attemptMessage({ db, send, sub, message: message!, trigger: 'TEST', now });
  await db.update(webhookMessagesTable).set(result.ok ? { status: 'DELIVERED', attempts: 1, deliveredAt: now } : { status: 'DEAD', attempts: 1, lastError: result.error })
    .where(eq(webhookMessagesTable.id, message!.id));
  await recordAuditEvent({ db, event: { actorUserId: actor.userId, action: 'WEBHOOK_TEST_SENT', subject: `webhook:${id}`, ip: actor.ip, outcome: result.ok ? 'SUCCESS' : 'FAILURE', details: { httpStatus: result.httpStatus } } });
  return { messageId: message!.id, ok: result.ok, httpStatus: result.httpStatus, latencyMs: result.latencyMs, error: result.error, responseExcerpt: result.responseExcerpt };
}

