import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createWorkflowNotFoundError = createErrorFactory({
  code: 'workflows.not_found',
  message: 'Không tìm thấy quy trình xử lý.',
  status: 404,
});

/** `errors` lists every problem of the definition. */
export const createWorkflowInvalidError = createErrorFactory({
  code: 'workflows.invalid',
  message: 'Quy trình xử lý không hợp lệ.',
  status: 422,
});
