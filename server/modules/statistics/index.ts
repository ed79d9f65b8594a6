/** Public surface of the statistics module (issue 16): reporting facts, reports, exports, transparency. */
import type { AppModule } from '../../platform/modules.js';
import { seedDemoFacts, seedDemoLateDossiers } from './statistics.demo-seed.js';
import { createStatisticsConsumer, rebuildFacts } from './statistics.projection.js';
import { statisticsRoutes } from './statistics.routes.js';

export { createStatisticsConsumer, foldDossier, rebuildCounts, rebuildFacts, refreshFacts, STATISTICS_CONSUMER } from './statistics.projection.js';
export { dashboard, monthlyOpenStatistics, openStatisticsColumns, periodRange, publicStatistics, resolutionReport, type OpenStatisticsRecord, type PublicCount } from './statistics.usecases.js';
export * from './statistics.tables.js';

const usage = `statistics rebuild      empties the reporting fact table and folds every dossier's events again (demo facts stay)
statistics demo-late [--unit CODE]   demo dossiers overdue, due soon and resolved late in a unit (never in production)`;

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
      run: async ({ handle, config, command, args, out }) => {
        if (command === 'demo-late') {
          if (config.nodeEnv === 'production') {
            out('demo dossiers are never created in production', { error: 'production' });
            return 1;
          }
          const i = args.indexOf('--unit');
          const result = await seedDemoLateDossiers(handle.db, i >= 0 && args[i + 1] ? args[i + 1]! : config.dossierReceivingUnitCode);
          out(`demo dossiers created: ${result.created.join(', ') || 'none (already there)'}`, result);
          return 0;
        }
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
