import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createPaymentNotFoundError = createErrorFactory({ code: 'payments.not_found', message: 'Không tìm thấy yêu cầu thanh toán này của hồ sơ.', status: 404 });
export const createNotPayableError = createErrorFactory({ code: 'payments.not_payable', message: 'Yêu cầu thanh toán này không còn chờ thanh toán (đã thanh toán, đã hủy hoặc hết hạn).', status: 409 });
export const createProviderUnavailableError = createErrorFactory({ code: 'payments.provider_unavailable', message: 'Hình thức thanh toán này không được cung cấp cho hồ sơ của đơn vị. Vui lòng chọn hình thức khác.', status: 422 });
export const createProviderFailedError = createErrorFactory({ code: 'payments.provider_failed', message: 'Hệ thống thanh toán tạm thời không phản hồi. Vui lòng thử lại sau ít phút.', status: 502 });
export const createNoFeeError = createErrorFactory({ code: 'payments.no_fee', message: 'Trường hợp này không có khoản phí, lệ phí nào thu sau thẩm định.', status: 409 });
export const createNotRefundableError = createErrorFactory({ code: 'payments.not_refundable', message: 'Khoản thanh toán này không có gì để hoàn (chưa được thanh toán hoặc đã hoàn hết).', status: 409 });
export const createRefundAmountError = createErrorFactory({ code: 'payments.refund_amount', message: 'Số tiền hoàn không hợp lệ.', status: 422 });
export const createNotAccountantError = createErrorFactory({ code: 'payments.not_accountant', message: 'Chỉ kế toán của đơn vị được đối soát và hoàn tiền phí, lệ phí.', status: 403 });
export const createStatementError = createErrorFactory({ code: 'payments.statement', message: 'Tệp sao kê ngân hàng không đọc được.', status: 422 });
