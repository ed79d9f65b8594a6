/**
 * E-mail through the job queue: `enqueueMail(tx, message)` records the delivery and writes a
 * `mail.send` job in the caller's transaction; the worker sends it through the configured mailer,
 * retrying with exponential backoff. Each message id is sent at most once: a delivery already
 * `sent` is skipped, and one being sent by another worker makes this attempt wait for a retry.
 * (A crash between the SMTP server's acceptance and the status update can still repeat one
 * message: SMTP offers nothing stronger.)
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/create-database.js';
import { createId } from '../db/ids.js';
import { enqueueInTransaction, type JobQueue, type QueueDefinition } from '../jobs/job-queue.js';
import type { Mailer, MailMessage } from './mailer.js';
import { mailDeliveriesTable } from './mail-deliveries.tables.js';

export const MAIL_SEND = 'mail.send';

/**
 * Upper bound of the job's lease. A `sending` delivery whose job came back to the queue (its
 * worker died: the lease, JOBS_LEASE_SECONDS, lapsed) may be tried again once it is older than
 * the lease.
 */
const SENDING_STALE_SECONDS = 300;

export const mailSendQueue: QueueDefinition = {
  name: MAIL_SEND,
  retryLimit: 10,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: SENDING_STALE_SECONDS,
};

export interface MailJobData {
  messageId: string;
  message: MailMessage;
}

export interface EnqueueMailOptions {
  /** Makes the call idempotent: a message id already recorded is not queued again. */
  messageId?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/** Queues an e-mail with the caller's transaction; returns its message id. */
export async function enqueueMail(tx: Pick<DbExecutor, 'insert' | 'execute'>, message: MailMessage, options: EnqueueMailOptions = {}): Promise<string> {
  const messageId = options.messageId ?? createId('mail');
  const inserted = await tx
    .insert(mailDeliveriesTable)
    .values({ messageId, recipient: message.to, subject: message.subject })
    .onConflictDoNothing()
    .returning({ messageId: mailDeliveriesTable.messageId });
  if (inserted.length === 0) return messageId;
  await enqueueInTransaction<MailJobData>(tx, MAIL_SEND, { messageId, message }, {
    singletonKey: messageId,
    retryLimit: options.retryLimit,
    retryDelaySeconds: options.retryDelaySeconds,
  });
  return messageId;
}

export class MailDeliveryBusyError extends Error {
  constructor(messageId: string) {
    super(`mail ${messageId} is being sent by another worker`);
  }
}

/** Registers the `mail.send` worker. */
export async function registerMailJobs(jobs: JobQueue, deps: { db: Database; mailer: Mailer }) {
  const { db, mailer } = deps;
  const t = mailDeliveriesTable;
  const staleSeconds = Math.min(SENDING_STALE_SECONDS, jobs.leaseSeconds ?? SENDING_STALE_SECONDS);
  await jobs.work<MailJobData>(MAIL_SEND, async (job) => {
    const { messageId, message } = job.data;
    const claimed = await db
      .update(t)
      .set({ status: 'sending', attempts: sql`${t.attempts} + 1`, lastAttemptAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          eq(t.messageId, messageId),
          sql`(${t.status} IN ('queued', 'failed') OR (${t.status} = 'sending' AND ${t.lastAttemptAt} < now() - make_interval(secs => ${staleSeconds})))`,
        ),
      )
      .returning({ attempts: t.attempts });
    if (claimed.length === 0) {
      const [row] = await db.select({ status: t.status }).from(t).where(eq(t.messageId, messageId));
      if (row?.status === 'sending') throw new MailDeliveryBusyError(messageId);
      return; // already sent (or never recorded): nothing to do
    }
    try {
      await mailer.send(message);
    } catch (err) {
      await db
        .update(t)
        .set({ status: job.isLastAttempt ? 'failed' : 'queued', lastError: String((err as Error).message ?? err).slice(0, 1000), updatedAt: sql`now()` })
        .where(eq(t.messageId, messageId));
      throw err;
    }
    await db.update(t).set({ status: 'sent', sentAt: sql`now()`, lastError: null, updatedAt: sql`now()` }).where(eq(t.messageId, messageId));
  });
}
