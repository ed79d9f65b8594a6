import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createReceiptNotFoundError = createErrorFactory({
  code: 'receipts.not_found',
  message: 'Không tìm thấy biên lai của khoản thanh toán này.',
  status: 404,
});

/** The payment is recorded, the receipt is numbered, but its PDF is not sealed yet. */
export const createReceiptNotReadyError = createErrorFactory({
  code: 'receipts.not_ready',
  message: 'Biên lai đang được lập. Vui lòng tải lại sau ít phút.',
  status: 409,
});

export const createNoSealCertificateError = createErrorFactory({
  code: 'receipts.no_seal_certificate',
  message: 'Chưa có chứng thư số của đơn vị thu để ký biên lai; liên hệ quản trị viên.',
  status: 409,
});
