/**
 * SMS through the job queue. `enqueueSms(tx, message)` writes an `sms.send` job in the caller's
 * transaction; `deliverSms` (used by that job, and by jobs that make a one-time code just before
 * sending it) applies the per-number throttle, records the delivery and sends through the
 * configured SmsSender. A temporary gateway failure throws, so that the job retries with backoff;
 * a refusal is recorded as `failed` and not retried. Never called inside a request.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Config } from '../config/config.js';
import type { Database, DbExecutor } from '../db/create-database.js';
import { createId } from '../db/ids.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../jobs/job-queue.js';
import { SmsRejectedError, type SmsMessage, type SmsSender } from './sms-sender.js';
import { smsDeliveriesTable } from './sms-deliveries.tables.js';

export const SMS_SEND = 'sms.send';

export const smsSendQueue: QueueDefinition = { name: SMS_SEND, retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 };

export type SmsJobData = SmsMessage;

/** Queues an SMS with the caller's transaction; returns its message id. */
export async function enqueueSms(tx: Pick<DbExecutor, 'execute'>, message: { to: string; text: string }): Promise<string> {
  const messageId = createId('sms');
  await enqueueInTransaction<SmsJobData>(tx, SMS_SEND, { messageId, ...message }, { singletonKey: messageId });
  return messageId;
}

export type SmsOutcome = 'sent' | 'throttled' | 'rejected';

/**
 * Sends one message unless its number already received `SMS_PER_NUMBER_PER_HOUR` messages in the
 * last hour (then `throttled`, nothing sent) or the message was sent before.
 *
 * @throws SmsTemporaryError when the gateway cannot take it now (the caller's job retries)
 */
export async function deliverSms({ db, sender, config, message, lastAttempt = false }: { db: Database; sender: SmsSender; config: Pick<Config, 'smsPerNumberPerHour'>; message: SmsMessage; lastAttempt?: boolean }): Promise<SmsOutcome> {
  const t = smsDeliveriesTable;
  const claimed = await db.transaction(async (tx) => {
    // One number at a time, so that concurrent workers count the same hour.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sms:${message.to}`}))`);
    const [existing] = await tx.select().from(t).where(eq(t.messageId, message.messageId)).for('update');
    if (existing) {
      if (existing.status === 'sent' || existing.status === 'throttled' || existing.status === 'failed') return existing.status;
      await tx.update(t).set({ status: 'sending', attempts: sql`${t.attempts} + 1`, updatedAt: new Date() }).where(eq(t.messageId, message.messageId));
      return 'claimed' as const;
    }
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(t)
      .where(and(eq(t.recipient, message.to), inArray(t.status, ['queued', 'sending', 'sent']), gt(t.createdAt, new Date(Date.now() - 3_600_000))));
    const throttled = (row?.n ?? 0) >= config.smsPerNumberPerHour;
    await tx.insert(t).values({ messageId: message.messageId, recipient: message.to, status: throttled ? 'throttled' : 'sending', attempts: throttled ? 0 : 1 });
    return throttled ? 'throttled' : 'claimed';
  });
  if (claimed === 'sent' || claimed === 'throttled') return claimed;
  if (claimed === 'failed') return 'rejected';
  try {
    await sender.send(message);
  } catch (error) {
    const rejected = error instanceof SmsRejectedError;
    await db.update(t).set({ status: rejected || lastAttempt ? 'failed' : 'queued', lastError: String((error as Error).message ?? error).slice(0, 1000), updatedAt: new Date() }).where(eq(t.messageId, message.messageId));
    if (rejected) return 'rejected';
    throw error;
  }
  await db.update(t).set({ status: 'sent', sentAt: new Date(), lastError: null, updatedAt: new Date() }).where(eq(t.messageId, message.messageId));
  return 'sent';
}

type Logger = { info(obj: object, msg?: string): void };

/** Registers the `sms.send` worker. */
export async function registerSmsJobs(jobs: JobQueue, deps: { db: Database; sms: SmsSender; config: Config; logger?: Logger }) {
  await jobs.work<SmsJobData>(SMS_SEND, async (job) => {
    const outcome = await deliverSms({ db: deps.db, sender: deps.sms, config: deps.config, message: job.data, lastAttempt: job.isLastAttempt });
    // The outcome only: neither the number nor the text goes to the log.
    deps.logger?.info({ jobId: job.id, messageId: job.data.messageId, outcome }, 'sms');
  });
}
