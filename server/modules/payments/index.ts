/** Public surface of the payments module (issue 13: fees, payment requests, providers, proof). */
import type { AppModule } from '../../platform/modules.js';
import { createPaymentsConsumer } from './payments.consumer.js';
import { queryPendingQueue, reconcileQueue, refundOnCloseQueue, registerPaymentJobs } from './payments.jobs.js';
import { paymentsRoutes } from './payments.routes.js';
import { createProviders } from './providers/index.js';

export { PAYMENTS_CONSUMER } from './payments.consumer.js';
export * from './payments.tables.js';
export { queryPendingAttempts, settleAttempt } from './payments.usecases.js';
export { createProviders } from './providers/index.js';

export const paymentsModule: AppModule = {
  name: 'payments',
  routes: async (app, prefix) => {
    await app.register(paymentsRoutes, { prefix, deps: { db: app.db, config: app.config, providers: createProviders(app.config) } });
  },
  queues: [queryPendingQueue, reconcileQueue, refundOnCloseQueue],
  workers: registerPaymentJobs,
  consumers: () => [createPaymentsConsumer()],
};
