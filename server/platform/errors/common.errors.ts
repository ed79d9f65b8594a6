import { createErrorFactory } from './app-error.js';

export const createValidationError = createErrorFactory({
  code: 'request.invalid',
  message: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được nêu.',
  status: 400,
});

export const createRouteNotFoundError = createErrorFactory({
  code: 'request.route_not_found',
  message: 'Không tìm thấy địa chỉ này.',
  status: 404,
});

export const createRateLimitedError = createErrorFactory({
  code: 'request.rate_limited',
  message: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  status: 429,
});

export const createPayloadTooLargeError = createErrorFactory({
  code: 'request.payload_too_large',
  message: 'Dữ liệu gửi lên quá lớn.',
  status: 413,
});

export const createInternalError = createErrorFactory({
  code: 'internal.error',
  message: 'Hệ thống gặp sự cố. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo mã yêu cầu cho bộ phận hỗ trợ.',
  status: 500,
});

export const createServiceUnavailableError = createErrorFactory({
  code: 'internal.unavailable',
  message: 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau.',
  status: 503,
});

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const createDatabaseUnavailableError = createErrorFactory({
  code: 'platform.database_unavailable',
  message: 'Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít giây; dữ liệu đã gửi thành công trước đó không bị mất.',
  status: 503,
});
