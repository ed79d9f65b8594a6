import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createProcedureNotFoundError = createErrorFactory({
  code: 'catalog.procedure_not_found',
  message: 'Không tìm thấy thủ tục hành chính với mã này.',
  status: 404,
});

export const createTemplateNotFoundError = createErrorFactory({
  code: 'catalog.template_not_found',
  message: 'Không tìm thấy mẫu đơn, tờ khai này trong thủ tục.',
  status: 404,
});

export const createNoCurrentVersionError = createErrorFactory({
  code: 'catalog.no_current_version',
  message: 'Thủ tục này chưa có phiên bản đang có hiệu lực.',
  status: 404,
});

export const createImportInvalidError = createErrorFactory({
  code: 'catalog.import_invalid',
  message: 'Tệp danh mục thủ tục có lỗi; không có dữ liệu nào được nhập.',
  status: 422,
});
