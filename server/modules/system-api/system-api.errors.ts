import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createSystemDossierNotFoundError = createErrorFactory({
  code: 'system.dossier_not_found',
  message: 'Không tìm thấy hồ sơ có mã này.',
  status: 404,
});

export const createInvalidCursorError = createErrorFactory({
  code: 'system.invalid_cursor',
  message: 'Con trỏ (after) không hợp lệ: dùng giá trị nextCursor của lần đọc trước, hoặc 0.',
  status: 400,
});
