export { placesRoutes } from './places.routes.js';

import type { AppModule } from '../../platform/modules.js';
import { placesRoutes } from './places.routes.js';

/** The administrative units in force (common/administrative-units), served for address selects. */
export const placesModule: AppModule = {
  name: 'places',
  routes: async (app, prefix) => {
    await app.register(placesRoutes, { prefix });
  },
};
