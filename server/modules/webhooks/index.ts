/** Public surface of the webhooks module: Standard Webhooks deliveries of dossier events (issue 15). */
import type { FastifyInstance } from 'fastify';
import type { AppModule } from '../../platform/modules.js';
import { createWebhooksConsumer } from './webhooks.consumer.js';
import { createWebhookDelivery, type WebhookDelivery } from './webhooks.delivery.js';
import { webhookAdminRoutes } from './webhooks.routes.js';
import { createWebhookSender } from './webhooks.sender.js';
import { webhookSecretColumns } from './webhooks.secrets.js';

export { createWebhooksConsumer, WEBHOOKS_CONSUMER } from './webhooks.consumer.js';
export { createWebhookDelivery, webhookRetryDelayMs, type Clock, type WebhookDelivery } from './webhooks.delivery.js';
export { createWebhookSender, type WebhookSender } from './webhooks.sender.js';
export { signatureOf } from './webhooks.signing.js';
export { webhookSecretColumns, webhookSecretContext } from './webhooks.secrets.js';
export { isForbiddenAddress } from './webhooks.ssrf.js';
export { STATUS_CHANGED, webhookEventTypes, type WebhookBody } from './webhooks.models.js';
export * from './webhooks.tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The webhook delivery worker of this node. */
    webhookDelivery: WebhookDelivery;
  }
}

export const webhooksModule: AppModule = {
  name: 'webhooks',
  plugins: async (app: FastifyInstance) => {
    const config = app.config;
    const send = createWebhookSender({ timeoutMs: config.webhookTimeoutMs, allowedHosts: config.webhookAllowedHosts });
    const delivery = createWebhookDelivery({ db: app.db, config, send, clock: app.clock, logger: app.log });
    app.decorate('webhookDelivery', delivery);
    // Worker nodes deliver once the server listens (npm start); tests drive app.webhookDelivery themselves.
    if (config.jobsWorker) app.addHook('onListen', async () => delivery.start(config.webhookPollMs));
    app.addHook('onClose', async () => delivery.stop());
  },
  routes: async (app, prefix) => {
    const send = createWebhookSender({ timeoutMs: app.config.webhookTimeoutMs, allowedHosts: app.config.webhookAllowedHosts });
    await app.register(webhookAdminRoutes, { prefix, send });
  },
  consumers: () => [createWebhooksConsumer()],
  secretColumns: webhookSecretColumns,
};
