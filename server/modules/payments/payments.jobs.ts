/** The scheduled QUERY of pending attempts (pg-boss), until each is settled or expired. */
import type { JobQueue, QueueDefinition } from '../../platform/jobs/index.js';
import type { WorkerDeps } from '../../platform/modules.js';
import { createProviders } from './providers/index.js';
import { queryPendingAttempts } from './payments.usecases.js';

export const PAYMENTS_QUERY_PENDING = 'payments.query-pending';
export const queryPendingQueue: QueueDefinition = { name: PAYMENTS_QUERY_PENDING, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 300 };

export async function registerPaymentJobs(jobs: JobQueue, { db, config, logger }: WorkerDeps) {
  await jobs.work(PAYMENTS_QUERY_PENDING, async () => {
    const result = await queryPendingAttempts({ db, config, providers: createProviders(config) });
    if (result.queried > 0) logger?.info({ ...result }, 'payments: pending attempts queried');
  });
  await jobs.schedule(PAYMENTS_QUERY_PENDING, config.paymentQueryCron);
}
