/**
 * E-mail through the job queue: `enqueueMail(tx, message)` records the delivery and writes a
 * `mail.send` job in the caller's transaction; the worker sends it through the configured mailer,
 * retrying with exponential backoff. Each message id is sent at most once: a delivery already
 * `sent` is skipped, and one being sent by another worker makes this attempt wait for a retry.
 * (A crash between the SMTP server's acceptance and the status update — each message is recorded
 * as soon as it is accepted — can still repeat the messages caught in that window: SMTP offers
 * nothing stronger. A repeat carries the same `Message-ID` header, the delivery's id.)
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/create-database.js';
import { createId } from '../db/ids.js';
import { enqueueInTransaction, enqueueManyInTransaction, type JobContext, type JobQueue, type QueueDefinition } from '../jobs/job-queue.js';
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

/**
 * Queues several e-mails with the caller's transaction in two statements (the deliveries, then
 * the jobs of those newly recorded); same idempotence as `enqueueMail` for each. Returns the
 * message ids, in order.
 */
export async function enqueueMails(tx: Pick<DbExecutor, 'insert' | 'execute'>, mails: readonly ({ message: MailMessage } & EnqueueMailOptions)[]): Promise<string[]> {
  const withIds = mails.map((m) => ({ ...m, messageId: m.messageId ?? createId('mail') }));
  // A message id given twice is recorded and sent once (the first message).
  const seen = new Set<string>();
  const first = withIds.filter((m) => !seen.has(m.messageId) && Boolean(seen.add(m.messageId)));
  if (first.length === 0) return [];
  const inserted = await tx
    .insert(mailDeliveriesTable)
    .values(first.map(({ messageId, message }) => ({ messageId, recipient: message.to, subject: message.subject })))
    .onConflictDoNothing()
    .returning({ messageId: mailDeliveriesTable.messageId });
  const fresh = new Set(inserted.map((r) => r.messageId));
  await enqueueManyInTransaction<MailJobData>(tx, MAIL_SEND, first.filter((m) => fresh.has(m.messageId)).map(({ messageId, message, retryLimit, retryDelaySeconds }) => ({
    data: { messageId, message },
    options: { singletonKey: messageId, retryLimit, retryDelaySeconds },
  })));
  return withIds.map((m) => m.messageId);
}

export class MailDeliveryBusyError extends Error {
  constructor(messageId: string) {
    super(`mail ${messageId} is being sent by another worker`);
  }
}

/**
 * Registers the `mail.send` worker. It takes each fetched batch at once: claims the batch's
 * deliveries in one statement, sends the claimed messages (the mailer's connection pool sends
 * several at a time), marks the sent ones in one statement and completes their jobs together. A
 * message that fails is put back (`queued`, or `failed` after its last attempt) and its job alone
 * is retried with backoff.
 */
export async function registerMailJobs(jobs: JobQueue, deps: { db: Database; mailer: Mailer; concurrency?: number; pollingIntervalSeconds?: number }) {
  const { db, mailer } = deps;
  const t = mailDeliveriesTable;
  const staleSeconds = Math.min(SENDING_STALE_SECONDS, jobs.leaseSeconds ?? SENDING_STALE_SECONDS);
  await jobs.workBatch<MailJobData>(MAIL_SEND, async (batch) => {
    const failures = new Map<string, unknown>();
    // One job per message id takes it; another job of the same id in this batch waits for a retry
    // (by then the delivery is sent, and that job finds nothing to do).
    const owners = new Map<string, JobContext<MailJobData>>();
    for (const job of batch) if (!owners.has(job.data.messageId)) owners.set(job.data.messageId, job);
    const claimed = await db
      .update(t)
      .set({ status: 'sending', attempts: sql`${t.attempts} + 1`, lastAttemptAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          inArray(t.messageId, [...owners.keys()]),
          sql`(${t.status} IN ('queued', 'failed') OR (${t.status} = 'sending' AND ${t.lastAttemptAt} < now() - make_interval(secs => ${staleSeconds})))`,
        ),
      )
      .returning({ messageId: t.messageId });
    const mine = new Set(claimed.map((r) => r.messageId));
    const notClaimed = batch.filter((job) => !mine.has(job.data.messageId) || owners.get(job.data.messageId) !== job);
    if (notClaimed.length > 0) {
      const rows = await db.select({ messageId: t.messageId, status: t.status }).from(t)
        .where(inArray(t.messageId, [...new Set(notClaimed.map((j) => j.data.messageId))]));
      const status = new Map(rows.map((r) => [r.messageId, r.status]));
      for (const job of notClaimed) {
        const s = mine.has(job.data.messageId) ? 'sending' : status.get(job.data.messageId);
        if (s === 'sending') failures.set(job.id, new MailDeliveryBusyError(job.data.messageId));
        // Otherwise already sent (or never recorded): nothing to do.
      }
    }
    const sending = [...owners.values()].filter((job) => mine.has(job.data.messageId));
    // Each message is recorded as sent as soon as the mail server took it, not when the whole
    // batch is done: a crash between the two repeats the message, and that window should be one
    // update long, not the slowest send of the batch. The updates are grouped: one at a time, each
    // taking every message accepted while the one before ran.
    const accepted: string[] = [];
    let recording: Promise<void> | undefined;
    let recordingError: unknown;
    const record = async () => {
      while (accepted.length > 0) {
        const ids = accepted.splice(0);
        await db.update(t).set({ status: 'sent', sentAt: sql`now()`, lastError: null, updatedAt: sql`now()` }).where(inArray(t.messageId, ids));
      }
    };
    const results = await Promise.allSettled(sending.map((job) =>
      mailer.send({ ...job.data.message, deliveryId: job.data.messageId }).then(() => {
        accepted.push(job.data.messageId);
        recording ??= record().catch((err: unknown) => {
          recordingError ??= err;
        }).finally(() => {
          recording = undefined;
        });
      })));
    while (recording) await recording;
    // A message accepted as the last update ended, before it let go, is still to be recorded.
    if (accepted.length > 0) await record().catch((err: unknown) => {
      recordingError ??= err;
    });
    // A sent message that could not be recorded stays `sending`: its job fails with the batch and
    // finds it so until it is stale (as a crash would leave it).
    if (recordingError !== undefined) throw recordingError;
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const job = sending[i]!;
      const err: unknown = result.reason;
      failures.set(job.id, err);
      // If this cannot be recorded, the delivery stays `sending` and is tried again once stale.
      await db
        .update(t)
        .set({ status: job.isLastAttempt ? 'failed' : 'queued', lastError: String((err as Error)?.message ?? err).slice(0, 1000), updatedAt: sql`now()` })
        .where(eq(t.messageId, job.data.messageId))
        .catch(() => {});
    }
    return failures;
  }, {
    ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
    ...(deps.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: deps.pollingIntervalSeconds }),
  });
}
