/** Public surface of the integration module: the National Public Service Portal sync (issue 14). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config/config.js';
import type { AppModule } from '../../platform/modules.js';
import type { QueueDefinition } from '../../platform/jobs/job-queue.js';
import { createPortalClient, type PortalClient } from './integration.client.js';
import { createPortalSyncConsumer } from './integration.consumer.js';
import { integrationAdminRoutes, integrationCatalogueRoutes, integrationFileRoutes, integrationInboundRoutes } from './integration.routes.js';
import { pullCatalogue } from './integration.catalogue.js';
import { createPortalSync, type PortalSync } from './integration.sync.js';
import { syncLagSeconds } from './integration.usecases.js';

export { createPortalClient, PortalError, type PortalClient } from './integration.client.js';
export { createPortalSyncConsumer, DVCQG_CONSUMER } from './integration.consumer.js';
export { createPortalSync, OUTAGE_PROBE_MAX_MS, syncRetryDelayMs, type PortalSync, type SyncOutage } from './integration.sync.js';
export { hoSoOf, portalCodeFor, signedFileUrl, verifyFileLink } from './integration.mapping.js';
export * from './integration.tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The national portal sync worker of this node (null when DVCQG_BASE_URL is unset). */
    dvcqgSync: PortalSync | null;
    /** The adapter client (null when DVCQG_BASE_URL is unset). */
    dvcqgClient: PortalClient | null;
  }
}

/** The scheduled catalogue pull (DVCQG_CATALOGUE_PULL_CRON). */
export const DVCQG_CATALOGUE_PULL = 'integration.catalogue-pull';
const cataloguePullQueue: QueueDefinition = { name: DVCQG_CATALOGUE_PULL, retryLimit: 3, retryDelaySeconds: 300, expireInSeconds: 1800 };

function consumersFor(config: Config) {
  return config.dvcqgBaseUrl ? [createPortalSyncConsumer(config)] : [];
}

export const integrationModule: AppModule = {
  name: 'integration',
  plugins: async (app: FastifyInstance) => {
    const config = app.config;
    const client = config.dvcqgBaseUrl ? createPortalClient({ ...config, dvcqgBaseUrl: config.dvcqgBaseUrl }) : null;
    const sync = client ? createPortalSync({ db: app.db, config, client, logger: app.log, clock: app.clock }) : null;
    app.decorate('dvcqgSync', sync);
    app.decorate('dvcqgClient', client);
    // Worker nodes sync once the server listens (npm start); tests drive app.dvcqgSync themselves.
    if (sync && config.jobsWorker) app.addHook('onListen', async () => sync.start(config.dvcqgPollMs));
    app.addHook('onClose', async () => sync?.stop());
  },
  routes: async (app, prefix) => {
    await app.register(integrationAdminRoutes, { prefix, consumers: consumersFor(app.config) });
    await app.register(integrationFileRoutes, { prefix });
    await app.register(integrationInboundRoutes, { prefix });
    await app.register(integrationCatalogueRoutes, { prefix, client: app.dvcqgClient });
  },
  consumers: consumersFor,
  queues: [cataloguePullQueue],
  workers: async (jobs, { db, config, logger }) => {
    await jobs.work(DVCQG_CATALOGUE_PULL, async () => {
      if (!config.dvcqgBaseUrl) return;
      const summary = await pullCatalogue({ db, client: createPortalClient({ ...config, dvcqgBaseUrl: config.dvcqgBaseUrl }) });
      logger?.info({ ...summary, differences: summary.differences.length }, 'national catalogue pulled');
    });
    await jobs.schedule(DVCQG_CATALOGUE_PULL, config.dvcqgBaseUrl ? config.dvcqgCataloguePullCron : null);
  },
  cli: [
    {
      group: 'catalogue',
      usage: '  catalogue pull [CODE…]     pull procedures from the national database (all it publishes when no code is given) and list how they differ from the catalogue',
      run: async ({ handle, config, command, args, out }) => {
        if (command !== 'pull') {
          out('Lệnh: catalogue pull [MÃ_THỦ_TỤC…]', { error: 'unknown command' });
          return 2;
        }
        if (!config.dvcqgBaseUrl) {
          out('Chưa cấu hình DVCQG_BASE_URL: không có kết nối tới Cổng Dịch vụ công quốc gia.', { error: 'integration.portal_not_configured' });
          return 1;
        }
        const summary = await pullCatalogue({ db: handle.db, client: createPortalClient({ ...config, dvcqgBaseUrl: config.dvcqgBaseUrl }) }, args);
        const lines = summary.differences.map((d) => `  ${d.code} ${d.name}: ${d.differences} khác biệt`);
        out([`Đã lấy ${summary.pulled} thủ tục: ${summary.inSync} khớp, ${summary.different} khác, ${summary.missing} chưa có trong danh mục, ${summary.notPublished} chưa công bố trên Cổng.`, ...lines].join('\n'), summary);
        return 0;
      },
    },
  ],
  metrics: (config) => (config.dvcqgBaseUrl ? [{
    name: 'opendvc_dvcqg_sync_lag_seconds',
    help: 'National portal sync: age of the oldest dossier change not yet at the portal (0 when in sync)',
    collect: async (db) => [{ value: await syncLagSeconds(db) }],
  }] : []),
};
