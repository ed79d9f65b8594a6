/** In-app notifications and their e-mail copies. */
export { notificationsRoutes } from './notifications.routes.js';
export {
  absoluteLink,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notify,
  notifyUnitRole,
  notifyUsers,
  officialsHoldingRole,
  type NotificationInput,
  type NotificationMessage,
  type NotifyOptions,
  type NotifyResult,
} from './notifications.usecases.js';
export { notificationsTable, type NotificationRow } from './notifications.tables.js';
export * from './notifications.tables.js';

import type { AppModule } from '../../platform/modules.js';
import { notificationsRoutes as routes } from './notifications.routes.js';

export const notificationsModule: AppModule = {
  name: 'notifications',
  routes: async (app, prefix) => {
    await app.register(routes, { prefix });
  },
};
