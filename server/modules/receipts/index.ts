/** Electronic fee receipts: issued from `dossier.paid` events, sealed by a job, listed on the dossier. */
import type { AppModule } from '../../platform/modules.js';
import { createReceiptsConsumer, receiptsRenderQueue, registerReceiptJobs } from './receipts.issue.js';
import { receiptsRoutes as routes } from './receipts.routes.js';

export * from './receipts.tables.js';
export { findReceiptForVerification } from './receipts.usecases.js';
export { recordRefundOnReceipt, type PaymentRefundFacts } from './receipts.refunds.js';
export { RECEIPTS_CONSUMER, RECEIPTS_RENDER, issueReceiptFor, renderAndSealReceipt } from './receipts.issue.js';

export const receiptsModule: AppModule = {
  name: 'receipts',
  routes: async (app, prefix) => {
    await app.register(routes, { prefix });
  },
  queues: [receiptsRenderQueue],
  workers: async (jobs, deps) => registerReceiptJobs(jobs, deps),
  consumers: (config) => [createReceiptsConsumer(config)],
};
