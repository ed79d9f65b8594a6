/** Public surface of the statistics module (issue 16): reporting facts, reports, exports, transparency. */
import type { AppModule } from '../../platform/modules.js';
import { seedDemoFacts } from './statistics.demo-seed.js';
import { createStatisticsConsumer, rebuildFacts } from './statistics.projection.js';
import { statisticsRoutes } from './statistics.routes.js';

export { createStatisticsConsumer, foldDossier, rebuildFacts, refreshFacts, STATISTICS_CONSUMER } from './statistics.projection.js';
export { dashboard, periodRange, publicStatistics, resolutionReport } from './statistics.usecases.js';
export * from './statistics.tables.js';

const usage = `statistics rebuild      empties the reporting fact table and folds every dossier's events again (demo facts stay)`;

export const statisticsModule: AppModule = {
  name: 'statistics',
  routes: async (app, prefix) => {
    await app.register(statisticsRoutes, { prefix, publicCacheSeconds: app.config.statisticsPublicCacheSeconds });
  },
  consumers: () => [createStatisticsConsumer()],
  seed: async ({ db, demo, report }) => {
    if (demo) report('demo statistics', await seedDemoFacts(db));
  },
  cli: [
    {
      group: 'statistics',
      usage,
      run: async ({ handle, command, out }) => {
        if (command !== 'rebuild') {
          out(usage, { error: 'unknown command' });
          return 2;
        }
        const started = Date.now();
        const result = await handle.db.transaction(async (tx) => rebuildFacts(tx));
        out(`rebuilt the facts of ${result.dossiers} dossiers in ${Date.now() - started} ms`, result);
        return 0;
      },
    },
  ],
};
