import { createErrorFactory } from '../errors/app-error.js';

/** The PKCS#12 file opened, but not with this passphrase (or its integrity check failed). */
export const createWrongPassphraseError = createErrorFactory({
  code: 'signing.wrong_passphrase',
  message: 'Không mở được tệp chứng thư số (PKCS#12): mật khẩu không đúng hoặc tệp đã bị thay đổi.',
  status: 500,
});

export const createKeystoreUnreadableError = createErrorFactory({
  code: 'signing.keystore_unreadable',
  message: 'Tệp chứng thư số (PKCS#12) không đọc được hoặc không đúng định dạng.',
  status: 500,
});

export const createNoPrivateKeyError = createErrorFactory({
  code: 'signing.no_private_key',
  message: 'Tệp chứng thư số không chứa khóa bí mật khớp với chứng thư, nên không ký được.',
  status: 500,
});

export const createCertificateExpiredError = createErrorFactory({
  code: 'signing.certificate_expired',
  message: 'Chứng thư số đã hết hạn hoặc chưa đến thời gian có hiệu lực; cần gia hạn hoặc cấp chứng thư mới trước khi ký.',
  status: 409,
});

export const createCertificateNotForSigningError = createErrorFactory({
  code: 'signing.certificate_not_for_signing',
  message: 'Chứng thư số không được phép dùng để ký (thiếu mục đích sử dụng chữ ký số).',
  status: 409,
});

/** The PDF cannot take an incremental update with this implementation (e.g. compressed cross-reference streams). */
export const createUnsupportedPdfError = createErrorFactory({
  code: 'signing.unsupported_pdf',
  message: 'Không ký được tệp PDF này: cấu trúc tệp không được hỗ trợ.',
  status: 422,
});

export const createSigningFailedError = createErrorFactory({
  code: 'signing.failed',
  message: 'Ký số văn bản không thành công.',
  status: 500,
});

/** The official (or unit) has no signing certificate in the keystore. */
export const createNoCertificateError = createErrorFactory({
  code: 'signing.no_certificate',
  message: 'Chưa có chứng thư số để ký cho tài khoản hoặc đơn vị này. Liên hệ quản trị viên để được cấp.',
  status: 409,
});
