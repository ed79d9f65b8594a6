import { createErrorFactory } from '../errors/app-error.js';

/** An upload refused for its content or size; `code` is one of UploadProblemCode, `errors` names the field. */
export const createUploadRejectedError = createErrorFactory({
  code: 'files.rejected',
  message: 'Tệp tải lên không hợp lệ.',
  status: 400,
});

export const createScannerUnavailableError = createErrorFactory({
  code: 'files.scanner_unavailable',
  message: 'Dịch vụ quét mã độc tạm thời không sẵn sàng; tệp chưa được kiểm tra.',
  status: 503,
});
