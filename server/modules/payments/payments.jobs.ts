/** The scheduled QUERY of pending attempts (pg-boss), until each is settled or expired. */
import type { JobQueue, QueueDefinition } from '../../platform/jobs/index.js';
import type { WorkerDeps } from '../../platform/modules.js';
import { createProviders } from './providers/index.js';
import { queryPendingAttempts } from './payments.usecases.js';
import { reconcileDay, refundOnClose } from './payments.reconciliation.js';
import { vnTimestamp } from './providers/port.js';

export const PAYMENTS_QUERY_PENDING = 'payments.query-pending';
export const queryPendingQueue: QueueDefinition = { name: PAYMENTS_QUERY_PENDING, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 300 };
export const PAYMENTS_RECONCILE = 'payments.reconcile';
export const reconcileQueue: QueueDefinition = { name: PAYMENTS_RECONCILE, retryLimit: 3, retryDelaySeconds: 300, expireInSeconds: 900 };

/** A filing fee returned when its dossier is refused or stopped (enqueued by the payments consumer). */
export const PAYMENTS_REFUND_ON_CLOSE = 'payments.refund-on-close';
export const refundOnCloseQueue: QueueDefinition = { name: PAYMENTS_REFUND_ON_CLOSE, retryLimit: 8, retryDelaySeconds: 60, expireInSeconds: 300 };

export async function registerPaymentJobs(jobs: JobQueue, { db, config, logger }: WorkerDeps) {
  await jobs.work<{ paymentId: string; reason: string }>(PAYMENTS_REFUND_ON_CLOSE, async (job) => {
    const refund = await refundOnClose({ db, config, providers: createProviders(config) }, job.data);
    if (refund) logger?.info({ paymentId: job.data.paymentId, refundId: refund.id, status: refund.status, amount: refund.amount }, 'payments: filing fee returned');
  });
  await jobs.work(PAYMENTS_QUERY_PENDING, async () => {
    const result = await queryPendingAttempts({ db, config, providers: createProviders(config) });
    if (result.queried > 0) logger?.info({ ...result }, 'payments: pending attempts queried');
  });
  await jobs.schedule(PAYMENTS_QUERY_PENDING, config.paymentQueryCron);
  // Yesterday's reconciliation, logged for the operators; the accountant's page shows it too.
  await jobs.work(PAYMENTS_RECONCILE, async () => {
    const day = vnTimestamp(new Date(Date.now() - 86_400_000)).slice(0, 8);
    const result = await reconcileDay({ db, config, providers: createProviders(config) }, { actor: null, day });
    const open = result.items.filter((m) => !m.resolution);
    if (open.length > 0 || result.errors.length > 0) logger?.warn({ day, matched: result.matched, mismatches: open.map((m) => ({ provider: m.provider, kind: m.kind, reference: m.reference })), errors: result.errors }, 'payments: reconciliation found mismatches');
    else logger?.info({ day, matched: result.matched }, 'payments: reconciliation clean');
  });
  await jobs.schedule(PAYMENTS_RECONCILE, config.paymentReconcileCron);
}
