export { businessRegistryRoutes } from './business-registry.routes.js';

import type { AppModule } from '../../platform/modules.js';
import { businessRegistryRoutes } from './business-registry.routes.js';

/** The national business registration portal: an organisation's details from its tax code. */
export const businessRegistryModule: AppModule = {
  name: 'business-registry',
  routes: async (app, prefix) => {
    await app.register(businessRegistryRoutes, { prefix });
  },
};
