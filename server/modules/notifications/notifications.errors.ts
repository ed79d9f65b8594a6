import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createNotificationNotFoundError = createErrorFactory({
  code: 'notifications.not_found',
  message: 'Không tìm thấy thông báo.',
  status: 404,
});
