/**
 * Public surface of the system API module (issue 15): what other ministries' systems read with
 * client-credential tokens (a dossier by code, the event feed) and the open-data files.
 */
import type { AppModule } from '../../platform/modules.js';
import { openDataRoutes, systemApiRoutes } from './system-api.routes.js';

export { openDataSchemas, proceduresCsv, proceduresJson, dcatCatalog, procedureColumns } from './system-api.opendata.js';

export const systemApiModule: AppModule = {
  name: 'system-api',
  routes: async (app, prefix) => {
    await app.register(systemApiRoutes, { prefix });
    await app.register(openDataRoutes, { prefix });
  },
};
