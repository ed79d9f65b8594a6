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

export const createPortalNotConfiguredError = createErrorFactory({
  code: 'integration.portal_not_configured',
  message: 'Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (DVCQG_BASE_URL).',
  status: 409,
});

export const createPortalUnavailableError = createErrorFactory({
  code: 'integration.portal_unavailable',
  message: 'Cổng Dịch vụ công quốc gia không trả lời được lúc này. Vui lòng thử lại sau.',
  status: 502,
});
