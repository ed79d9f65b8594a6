import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createUserNotFoundError = createErrorFactory({ code: 'privacy.user_not_found', message: 'Không tìm thấy tài khoản người nộp hồ sơ này.', status: 404 });
export const createExportFailedError = createErrorFactory({ code: 'privacy.export_failed', message: 'Không tạo được tệp dữ liệu cá nhân. Vui lòng thử lại sau ít phút.', status: 503 });
