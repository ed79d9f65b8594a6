import { createErrorFactory } from '../../platform/errors/app-error.js';

// Same status, code and message whether the account exists or the password is wrong.
export const createInvalidCredentialsError = createErrorFactory({
  code: 'auth.invalid_credentials',
  message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  status: 401,
});

// A signed-in user confirming a sensitive change with the current password or second-factor code.
export const createCurrentCredentialsInvalidError = createErrorFactory({
  code: 'auth.current_credentials_invalid',
  message: 'Mật khẩu hiện tại hoặc mã xác thực không đúng.',
  status: 403,
});

export const createPasswordUnchangedError = createErrorFactory({
  code: 'auth.password_unchanged',
  message: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  status: 422,
});

export const createPasswordChangeRequiredError = createErrorFactory({
  code: 'auth.password_change_required',
  message: 'Mật khẩu tạm thời chỉ dùng được một lần, để đặt mật khẩu mới. Vui lòng nhập mật khẩu mới.',
  status: 403,
});

export const createOtpRequiredError = createErrorFactory({
  code: 'auth.otp_required',
  message: 'Vui lòng nhập mã xác thực 6 chữ số từ ứng dụng xác thực.',
  status: 401,
});

export const createOtpInvalidError = createErrorFactory({
  code: 'auth.otp_invalid',
  message: 'Mã xác thực không đúng hoặc đã được sử dụng.',
  status: 401,
});

export const createEmailNotVerifiedError = createErrorFactory({
  code: 'auth.email_not_verified',
  message: 'Địa chỉ thư điện tử chưa được xác minh. Vui lòng mở liên kết trong thư chúng tôi đã gửi.',
  status: 403,
});

export const createUnauthenticatedError = createErrorFactory({
  code: 'auth.unauthenticated',
  message: 'Bạn cần đăng nhập để tiếp tục.',
  status: 401,
});

export const createForbiddenError = createErrorFactory({
  code: 'auth.forbidden',
  message: 'Bạn không có quyền thực hiện thao tác này.',
  status: 403,
});

export const createCsrfInvalidError = createErrorFactory({
  code: 'auth.csrf_invalid',
  message: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang và thử lại.',
  status: 403,
});

export const createTokenInvalidError = createErrorFactory({
  code: 'auth.token_invalid',
  message: 'Liên kết không hợp lệ, đã được sử dụng hoặc đã hết hạn.',
  status: 400,
});

// The same answer for a wrong, expired, used or voided code, and for a number with no code sent.
export const createPhoneCodeInvalidError = createErrorFactory({
  code: 'auth.phone_code_invalid',
  message: 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng kiểm tra tin nhắn mới nhất hoặc yêu cầu gửi lại mã.',
  status: 400,
});

export const createPersonalIdLockedError = createErrorFactory({
  code: 'identity.personal_id_verified',
  message: 'Số định danh cá nhân đã được xác thực qua Cổng Dịch vụ công quốc gia nên không thể sửa tại đây.',
  status: 409,
});

export const createUserNotFoundError = createErrorFactory({
  code: 'identity.user_not_found',
  message: 'Không tìm thấy tài khoản.',
  status: 404,
});

export const createUnitNotFoundError = createErrorFactory({
  code: 'identity.unit_not_found',
  message: 'Không tìm thấy đơn vị với mã này.',
  status: 404,
});

export const createEmailTakenError = createErrorFactory({
  code: 'identity.email_taken',
  message: 'Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.',
  status: 409,
});

export const createTotpNotPendingError = createErrorFactory({
  code: 'auth.totp_not_pending',
  message: 'Chưa có yêu cầu đăng ký mã xác thực nào đang chờ xác nhận.',
  status: 409,
});

export const createInvalidScopeError = createErrorFactory({
  code: 'identity.invalid_scope',
  message: 'Phạm vi truy cập không hợp lệ.',
  status: 400,
});

export const createOidcDisabledError = createErrorFactory({
  code: 'auth.oidc_disabled',
  message: 'Đăng nhập bằng Cổng Dịch vụ công quốc gia chưa được bật trên hệ thống này.',
  status: 404,
});

export const createOidcFailedError = createErrorFactory({
  code: 'auth.oidc_failed',
  message: 'Không hoàn tất được đăng nhập bằng Cổng Dịch vụ công quốc gia. Vui lòng thử lại.',
  status: 502,
});

export const createOidcIdUnverifiedError = createErrorFactory({
  code: 'auth.oidc_id_unverified',
  message: 'Tài khoản định danh chưa cung cấp số định danh cá nhân đã được xác thực, nên không thể đăng nhập. Vui lòng xác thực tài khoản VNeID (mức độ 2) rồi thử lại.',
  status: 403,
});

export const createOrganisationNotFoundError = createErrorFactory({
  code: 'identity.organisation_not_found',
  message: 'Không tìm thấy tổ chức.',
  status: 404,
});

export const createOrganisationAlreadyVerifiedError = createErrorFactory({
  code: 'identity.organisation_already_verified',
  message: 'Một tổ chức khác có cùng mã số thuế đã được xác minh; không thể xác minh thêm yêu cầu này.',
  status: 409,
});

export const createOrganisationClaimNotFoundError = createErrorFactory({
  code: 'identity.organisation_claim_not_found',
  message: 'Không tìm thấy yêu cầu xác minh tổ chức.',
  status: 404,
});

export const createOrganisationNotPendingError = createErrorFactory({
  code: 'identity.organisation_not_pending',
  message: 'Yêu cầu này không còn chờ duyệt (đã được xác minh, bị từ chối hoặc chưa có giấy tờ).',
  status: 409,
});

export const createOrganisationProofInfectedError = createErrorFactory({
  code: 'identity.organisation_proof_infected',
  message: 'Tệp giấy tờ có mã độc nên không được nhận. Vui lòng gửi một bản quét sạch.',
  status: 422,
});

export const createOrganisationProofLockedError = createErrorFactory({
  code: 'identity.organisation_proof_locked',
  message: 'Tổ chức đã được xác minh hoặc giấy tờ đang chờ duyệt; không cần gửi thêm.',
  status: 409,
});

export const createAlreadyMemberError = createErrorFactory({
  code: 'identity.already_member',
  message: 'Người này đã là thành viên của tổ chức.',
  status: 409,
});

export const createUnitCodeTakenError = createErrorFactory({
  code: 'identity.unit_code_taken',
  message: 'Mã định danh điện tử này đã được dùng cho một đơn vị khác.',
  status: 409,
});

export const createGrantExistsError = createErrorFactory({
  code: 'identity.grant_exists',
  message: 'Cán bộ đã có vai trò này tại đơn vị này.',
  status: 409,
});

export const createGrantNotFoundError = createErrorFactory({
  code: 'identity.grant_not_found',
  message: 'Không tìm thấy phân quyền này của cán bộ.',
  status: 404,
});

export const createLastAdministratorError = createErrorFactory({
  code: 'identity.last_administrator',
  message: 'Không thể gỡ vai trò quản trị hệ thống cuối cùng: hệ thống cần ít nhất một người quản trị.',
  status: 409,
});

export const createFieldNotFoundError = createErrorFactory({
  code: 'identity.field_not_found',
  message: 'Không tìm thấy lĩnh vực với mã này.',
  status: 400,
});

export const createApiClientNotFoundError = createErrorFactory({
  code: 'identity.api_client_not_found',
  message: 'Không tìm thấy ứng dụng kết nối.',
  status: 404,
});

export const createRepresentativeNotFoundError = createErrorFactory({
  code: 'identity.representative_not_found',
  message: 'Không tìm thấy ủy quyền.',
  status: 404,
});

// The same for an invitation that does not exist, is someone else's, or is no longer pending.
export const createInvitationNotFoundError = createErrorFactory({
  code: 'identity.invitation_not_found',
  message: 'Không tìm thấy lời mời, hoặc lời mời đã hết hạn hay đã được trả lời.',
  status: 404,
});
