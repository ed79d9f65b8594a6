/** Public surface of the catalogue module: administrative procedures, their versions and cases. */
import type { AppModule } from '../../platform/modules.js';
import { catalogRoutes } from './catalog.routes.js';
import { importCatalogFile } from './catalog.seed.js';

export { catalogRoutes } from './catalog.routes.js';
export { bundledCatalogFile, importCatalogFile } from './catalog.seed.js';
export * from './catalog.tables.js';
export { COMPONENT_DEFAULT_MAX_FILES, COMPONENT_MAX_SIZE_MB, componentNeedsFile, contentDisposition, pickCurrentVersion, todayInVietnam } from './catalog.models.js';
export { refreshSearchProjection } from './catalog.search.js';
export type { CatalogCase, CatalogFile, CatalogProcedure, CatalogVersion } from './catalog.import-schema.js';
export { catalogFileSchema } from './catalog.import-schema.js';
export { checkCatalogFile, importCatalog } from './catalog.import.js';
export { markProjectionFresh } from './catalog.usecases.js';

export const catalogModule: AppModule = {
  name: 'catalog',
  routes: async (app, prefix) => {
    await app.register(catalogRoutes, { prefix });
  },
  seed: async ({ db, config, report }) => report('catalogue imported', { ...(await importCatalogFile({ db, file: config.catalogSeedFile })) }),
};
