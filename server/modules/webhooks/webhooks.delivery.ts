/**
 * The webhook delivery worker. Messages of one subscription go out one at a time in stream
 * order (position, then rank): a message is sent only once every earlier message of its
 * subscription was delivered or became a dead letter. A failed attempt is retried with
 * exponential backoff (WEBHOOK_BACKOFF_MS doubled, at most WEBHOOK_MAX_BACKOFF_MS) until
 * WEBHOOK_RETRY_HOURS after the message was queued; a failure after that parks it as a dead
 * letter. A subscription with no successful delivery for WEBHOOK_DISABLE_AFTER_DAYS is disabled
 * and its owner told by e-mail. Every attempt is logged.
 *
 * A worker leases the subscriptions it takes (`FOR UPDATE SKIP LOCKED`, then `lease_until`), so
 * two nodes never deliver one subscription at once, and makes its HTTP calls outside any
 * transaction. The clock is injectable: a test moves time forward to simulate an outage.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import { pollLoop } from '../../platform/jobs/poll-loop.js';
import { openSecret } from '../../platform/secrets/index.js';
import { webhookSecretContext } from './webhooks.secrets.js';
import type { SendResult, WebhookSender } from './webhooks.sender.js';
import { webhookHeaders } from './webhooks.signing.js';
import { webhookAttemptsTable, webhookMessagesTable, webhookSubscriptionsTable, type WebhookMessageRow, type WebhookSubscriptionRow } from './webhooks.tables.js';

export type WebhookConfig = Pick<Config, 'webhookBackoffMs' | 'webhookMaxBackoffMs' | 'webhookRetryHours' | 'webhookDisableAfterDays' | 'publicUrl'>;
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface DeliveryPass {
  subscriptions: number;
  delivered: number;
  failed: number;
}

export interface WebhookDelivery {
  runOnce(): Promise<DeliveryPass>;
  /** Passes until nothing is due now (tests, the CLI). */
  drain(options?: { maxPasses?: number; signal?: AbortSignal }): Promise<DeliveryPass>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

export function webhookRetryDelayMs(attempts: number, config: Pick<WebhookConfig, 'webhookBackoffMs' | 'webhookMaxBackoffMs'>) {
  return Math.min(config.webhookMaxBackoffMs, config.webhookBackoffMs * 2 ** Math.max(0, Math.min(40, attempts - 1)));
}

/** The secrets that sign now: the current one, and the previous one during the overlap. */
export function signingSecrets(sub: Pick<WebhookSubscriptionRow, 'id' | 'secret' | 'previousSecret' | 'previousSecretUntil'>, now: Date) {
  const sealed = sub.previousSecret && sub.previousSecretUntil && sub.previousSecretUntil > now ? [sub.secret, sub.previousSecret] : [sub.secret];
  return sealed.map((s) => openSecret(s, webhookSecretContext(sub.id)));
}

/** Sends one message once and logs the attempt; returns the result. Updates nothing else. */
export async function attemptMessage({ db, send, sub, message, trigger, now }: { db: Database; send: WebhookSender; sub: WebhookSubscriptionRow; message: WebhookMessageRow; trigger: string; now: Date }): Promise<SendResult> {
  // The signature's timestamp is the real time of sending (receivers check it against their clock).
  const headers = webhookHeaders(signingSecrets(sub, now), message.id, Math.floor(Date.now() / 1000), message.body);
  const result = await send({ url: sub.url, headers, body: message.body });
  await db.insert(webhookAttemptsTable).values({
    id: createId('wha'), messageId: message.id, subscriptionId: sub.id, at: now, httpStatus: result.httpStatus, latencyMs: result.latencyMs,
    ok: result.ok, responseExcerpt: result.responseExcerpt, error: result.error, trigger,
  });
  return result;
}

export function createWebhookDelivery({ db, config, send, clock = systemClock, concurrency = 8, logger }: {
  db: Database; config: WebhookConfig; send: WebhookSender; clock?: Clock; concurrency?: number;
  logger?: { warn(o: object, m?: string): void; error(o: object, m?: string): void };
}): WebhookDelivery {
  const s = webhookSubscriptionsTable;
  const m = webhookMessagesTable;
  const leaseMs = 5 * 60_000;

  async function recordSuccess(sub: WebhookSubscriptionRow, message: WebhookMessageRow, now: Date) {
    await db.update(m).set({ status: 'DELIVERED', attempts: message.attempts + 1, deliveredAt: now, nextAttemptAt: null, lastError: null }).where(eq(m.id, message.id));
    if (sub.failingSince) await db.update(s).set({ failingSince: null, updatedAt: now }).where(eq(s.id, sub.id));
    sub.failingSince = null;
  }

  /** Whether the message became a dead letter and whether the subscription was disabled. */
  async function recordFailure(sub: WebhookSubscriptionRow, message: WebhookMessageRow, result: SendResult, now: Date) {
    const attempts = message.attempts + 1;
    const dead = now.getTime() - message.queuedAt.getTime() >= config.webhookRetryHours * 3_600_000;
    await db.update(m).set({
      status: dead ? 'DEAD' : 'FAILING',
      attempts,
      nextAttemptAt: dead ? null : new Date(now.getTime() + webhookRetryDelayMs(attempts, config)),
      lastError: result.error,
    }).where(eq(m.id, message.id));
    const failingSince = sub.failingSince ?? now;
    sub.failingSince = failingSince;
    const disable = now.getTime() - failingSince.getTime() >= config.webhookDisableAfterDays * 86_400_000;
    await db.transaction(async (tx) => {
      await tx.update(s).set({
        failingSince,
        ...(disable ? { status: 'DISABLED' as const, disabledAt: now, disabledReason: `Mọi lần gửi đều thất bại từ ${failingSince.toISOString()} (${config.webhookDisableAfterDays} ngày).` } : {}),
        updatedAt: now,
      }).where(eq(s.id, sub.id));
      if (disable && sub.ownerEmail) {
        await enqueueMail(tx, {
          to: sub.ownerEmail,
          subject: 'Đăng ký webhook đã bị tạm dừng — OpenDVC',
          text: [
            'Kính gửi quản trị viên,',
            '',
            `Đăng ký webhook ${sub.id} tới ${sub.url} đã bị tạm dừng vì mọi lần gửi đều thất bại trong ${config.webhookDisableAfterDays} ngày (từ ${failingSince.toISOString()}).`,
            `Lỗi gần nhất: ${result.error ?? 'không rõ'}.`,
            '',
            `Sau khi khắc phục, hãy bật lại đăng ký và gửi lại các sự kiện lỗi tại ${config.publicUrl}/quan-tri/webhook.`,
            '',
            `The webhook subscription ${sub.id} (${sub.url}) was disabled after ${config.webhookDisableAfterDays} days of failed deliveries.`,
          ].join('\n'),
        }, { messageId: `webhook-disabled-${sub.id}-${now.getTime()}` });
      }
    });
    const log = { subscriptionId: sub.id, messageId: message.id, attempts, err: result.error };
    if (disable) logger?.error(log, 'webhook subscription disabled after repeated failures');
    else if (dead) logger?.error(log, 'webhook message parked as dead letter');
    else logger?.warn(log, 'webhook delivery failed; will retry');
    return { dead, disabled: disable };
  }

  /** Delivers the subscription's due messages in order; stops at the first failure. */
  async function deliverSubscription(sub: WebhookSubscriptionRow): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    try {
      for (let i = 0; i < 200; i++) {
        const now = clock();
        const [head] = await db.select().from(m).where(and(eq(m.subscriptionId, sub.id), inArray(m.status, ['PENDING', 'FAILING'])))
          .orderBy(asc(m.position), asc(m.rank), asc(m.createdAt)).limit(1);
        if (!head || (head.nextAttemptAt && head.nextAttemptAt > now)) break;
        const result = await attemptMessage({ db, send, sub, message: head, trigger: 'WORKER', now });
        if (result.ok) {
          await recordSuccess(sub, head, now);
          delivered++;
          continue;
        }
        const { dead, disabled } = await recordFailure(sub, head, result, now);
        // A dead letter no longer holds up the next messages; a retrying one does.
        if (disabled || !dead) return { delivered, failed: 1 };
      }
      return { delivered, failed: 0 };
    } finally {
      await db.update(s).set({ leaseUntil: null }).where(eq(s.id, sub.id));
    }
  }

  async function runOnce(): Promise<DeliveryPass> {
    const now = clock();
    const subs = await db.transaction(async (tx) => {
      const due = (await tx.execute(sql`
        SELECT s.id FROM ${s} s
        WHERE s.status = 'ACTIVE' AND (s.lease_until IS NULL OR s.lease_until < ${now.toISOString()}::timestamptz)
          AND EXISTS (
            SELECT 1 FROM (
              SELECT m.next_attempt_at FROM ${m} m WHERE m.subscription_id = s.id AND m.status IN ('PENDING', 'FAILING')
              ORDER BY m.position, m.rank, m.created_at LIMIT 1) head
            WHERE head.next_attempt_at IS NULL OR head.next_attempt_at <= ${now.toISOString()}::timestamptz)
        ORDER BY s.created_at
        LIMIT ${concurrency}
        FOR UPDATE SKIP LOCKED`) as unknown as { rows: { id: string }[] }).rows;
      if (due.length === 0) return [];
      return tx.update(s).set({ leaseUntil: new Date(now.getTime() + leaseMs) }).where(inArray(s.id, due.map((d) => d.id))).returning();
    });
    const results = await Promise.all(subs.map((sub) => deliverSubscription(sub)));
    return { subscriptions: subs.length, delivered: results.reduce((a, r) => a + r.delivered, 0), failed: results.reduce((a, r) => a + r.failed, 0) };
  }

  async function drain({ maxPasses = 1000, signal }: { maxPasses?: number; signal?: AbortSignal } = {}) {
    const total: DeliveryPass = { subscriptions: 0, delivered: 0, failed: 0 };
    for (let i = 0; i < maxPasses && !signal?.aborted; i++) {
      const r = await runOnce();
      total.subscriptions += r.subscriptions;
      total.delivered += r.delivered;
      total.failed += r.failed;
      if (r.subscriptions === 0 || r.delivered === 0) break;
    }
    return total;
  }

  const loop = pollLoop((signal) => drain({ maxPasses: 50, signal }), (err: unknown) => logger?.error({ err }, 'webhook delivery pass failed'));
  return { runOnce, drain, start: loop.start, stop: loop.stop };
}
