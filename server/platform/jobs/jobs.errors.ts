import { createErrorFactory } from '../errors/app-error.js';

export const createQueueMissingError = createErrorFactory({
  code: 'jobs.queue_missing',
  message: 'Hàng đợi công việc chưa được khai báo.',
  status: 500,
});
