import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createFileLinkInvalidError = createErrorFactory({
  code: 'integration.file_link_invalid',
  message: 'Đường dẫn tải tệp không hợp lệ hoặc đã hết hạn.',
  status: 403,
});

export const createFileNotFoundError = createErrorFactory({
  code: 'integration.file_not_found',
  message: 'Không tìm thấy tệp.',
  status: 404,
});
