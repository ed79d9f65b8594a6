import { createErrorFactory } from '../errors/app-error.js';

export const createObjectNotFoundError = createErrorFactory({
  code: 'storage.object_not_found',
  message: 'Không tìm thấy tệp đã lưu.',
  status: 404,
});

export const createInvalidObjectKeyError = createErrorFactory({
  code: 'storage.invalid_key',
  message: 'Tên đối tượng lưu trữ không hợp lệ.',
  status: 500,
});

export const createStorageUnavailableError = createErrorFactory({
  code: 'storage.unavailable',
  message: 'Kho lưu trữ tệp tạm thời không sẵn sàng. Vui lòng thử lại sau.',
  status: 503,
});
