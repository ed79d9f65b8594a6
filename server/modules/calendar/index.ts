export { calendarAdminRoutes, calendarRoutes } from './calendar.routes.js';
export { loadWorkingCalendar } from './calendar.usecases.js';
export * from './calendar.tables.js';

import type { AppModule } from '../../platform/modules.js';
import { calendarAdminRoutes, calendarRoutes } from './calendar.routes.js';

export const calendarModule: AppModule = {
  name: 'calendar',
  routes: async (app, prefix) => {
    await app.register(calendarRoutes, { prefix });
    await app.register(calendarAdminRoutes, { prefix });
  },
};
