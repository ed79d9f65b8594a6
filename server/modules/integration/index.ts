/** Public surface of the integration module: the National Public Service Portal sync (issue 14). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config/config.js';
import type { AppModule } from '../../platform/modules.js';
import { createPortalClient } from './integration.client.js';
import { createPortalSyncConsumer } from './integration.consumer.js';
import { integrationAdminRoutes, integrationFileRoutes } from './integration.routes.js';
import { createPortalSync, type PortalSync } from './integration.sync.js';
import { syncLagSeconds } from './integration.usecases.js';

export { createPortalClient, PortalError, type PortalClient } from './integration.client.js';
export { createPortalSyncConsumer, DVCQG_CONSUMER } from './integration.consumer.js';
export { createPortalSync, syncRetryDelayMs, type PortalSync } from './integration.sync.js';
export { hoSoOf, portalCodeFor, signedFileUrl, verifyFileLink } from './integration.mapping.js';
export * from './integration.tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The national portal sync worker of this node (null when DVCQG_BASE_URL is unset). */
    dvcqgSync: PortalSync | null;
  }
}

function consumersFor(config: Config) {
  return config.dvcqgBaseUrl ? [createPortalSyncConsumer(config)] : [];
}

export const integrationModule: AppModule = {
  name: 'integration',
  plugins: async (app: FastifyInstance) => {
    const config = app.config;
    const sync = config.dvcqgBaseUrl
      ? createPortalSync({ db: app.db, config, client: createPortalClient({ ...config, dvcqgBaseUrl: config.dvcqgBaseUrl }), logger: app.log })
      : null;
    app.decorate('dvcqgSync', sync);
    // Worker nodes sync once the server listens (npm start); tests drive app.dvcqgSync themselves.
    if (sync && config.jobsWorker) app.addHook('onListen', async () => sync.start(config.dvcqgPollMs));
    app.addHook('onClose', async () => sync?.stop());
  },
  routes: async (app, prefix) => {
    await app.register(integrationAdminRoutes, { prefix, consumers: consumersFor(app.config) });
    await app.register(integrationFileRoutes, { prefix });
  },
  consumers: consumersFor,
  metrics: (config) => (config.dvcqgBaseUrl ? [{
    name: 'opendvc_dvcqg_sync_lag_seconds',
    help: 'National portal sync: age of the oldest dossier change not yet at the portal (0 when in sync)',
    collect: async (db) => [{ value: await syncLagSeconds(db) }],
  }] : []),
};
