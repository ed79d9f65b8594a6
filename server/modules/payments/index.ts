/** Public surface of the payments module (issue 13: fees, payment requests, providers, proof). */
import type { AppModule } from '../../platform/modules.js';
import { createPaymentsConsumer } from './payments.consumer.js';
import { queryPendingQueue, reconcileQueue, refundOnCloseQueue, registerPaymentJobs } from './payments.jobs.js';
import { paymentsRoutes } from './payments.routes.js';
import { createProviders } from './providers/index.js';
import { requestAppraisalPaymentIn } from './payments.usecases.js';

export { PAYMENTS_CONSUMER } from './payments.consumer.js';
export * from './payments.tables.js';
export { queryPendingAttempts, settleAttempt } from './payments.usecases.js';
export { createProviders } from './providers/index.js';

export const paymentsModule: AppModule = {
  name: 'payments',
  // A workflow's PAYMENT transition asks for the fees through this (the dossiers module cannot import this one).
  plugins: async (app) => {
    app.decorate('workflowPayments', async (tx, input) => {
      const { row } = await requestAppraisalPaymentIn(tx, input);
      return { paymentId: row.id, amount: row.amount };
    });
  },
  routes: async (app, prefix) => {
    await app.register(paymentsRoutes, { prefix, deps: { db: app.db, config: app.config, providers: createProviders(app.config) } });
  },
  queues: [queryPendingQueue, reconcileQueue, refundOnCloseQueue],
  workers: registerPaymentJobs,
  consumers: () => [createPaymentsConsumer()],
};
