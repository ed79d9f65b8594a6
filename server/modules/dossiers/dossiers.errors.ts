import { createErrorFactory } from '../../platform/errors/app-error.js';

/** Also answered for another person's dossier, so that its existence does not leak. */
export const createDossierNotFoundError = createErrorFactory({
  code: 'dossiers.not_found',
  message: 'Không tìm thấy hồ sơ.',
  status: 404,
});

export const createCaseNotFoundError = createErrorFactory({
  code: 'dossiers.case_not_found',
  message: 'Không tìm thấy trường hợp này trong phiên bản đang có hiệu lực của thủ tục.',
  status: 404,
});

export const createOnlineNotOfferedError = createErrorFactory({
  code: 'dossiers.online_not_offered',
  message: 'Trường hợp này chưa cho phép nộp hồ sơ trực tuyến trên Cổng.',
  status: 422,
});

export const createFormMissingError = createErrorFactory({
  code: 'dossiers.form_missing',
  message: 'Thủ tục này chưa có biểu mẫu điện tử nên chưa thể nộp trực tuyến.',
  status: 422,
});

export const createOrganisationUnverifiedError = createErrorFactory({
  code: 'dossiers.organisation_unverified',
  message: 'Tổ chức này chưa được xác minh quyền sở hữu nên chưa thể đứng tên nộp hồ sơ. Chủ sở hữu cần gửi giấy chứng nhận đăng ký doanh nghiệp để được duyệt tại mục "Tổ chức của tôi", hoặc đăng nhập bằng tài khoản định danh điện tử của tổ chức.',
  status: 403,
});

export const createNotAuthorisedToActError = createErrorFactory({
  code: 'dossiers.not_authorised_to_act',
  message: 'Bạn không có ủy quyền còn hiệu lực hoặc không phải thành viên của tổ chức này.',
  status: 403,
});

export const createVersionMismatchError = createErrorFactory({
  code: 'dossiers.version_mismatch',
  message: 'Hồ sơ đã được thay đổi ở nơi khác (thiết bị hoặc cửa sổ khác). Vui lòng tải lại trước khi lưu.',
  status: 409,
});

export const createNotEditableError = createErrorFactory({
  code: 'dossiers.not_editable',
  message: 'Hồ sơ đã nộp nên không thể sửa hoặc xóa.',
  status: 409,
});

export const createAlreadySubmittedError = createErrorFactory({
  code: 'dossiers.already_submitted',
  message: 'Hồ sơ này đã được nộp trước đó. Không cần nộp lại; bạn có thể theo dõi hồ sơ bằng mã đã cấp.',
  status: 409,
});

export const createTransitionNotAllowedError = createErrorFactory({
  code: 'dossiers.transition_not_allowed',
  message: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
  status: 409,
});

export const createNotAwaitingSupplementError = createErrorFactory({
  code: 'dossiers.not_awaiting_supplement',
  message: 'Hồ sơ không ở trạng thái chờ bổ sung nên không thể gửi bổ sung.',
  status: 409,
});

export const createAnswersInvalidError = createErrorFactory({
  code: 'dossiers.answers_invalid',
  message: 'Tờ khai còn thông tin chưa hợp lệ. Vui lòng sửa các trường được nêu.',
  status: 422,
});

export const createComponentsMissingError = createErrorFactory({
  code: 'dossiers.components_missing',
  message: 'Hồ sơ còn thiếu thành phần bắt buộc.',
  status: 422,
});

export const createAttachmentsNotCleanError = createErrorFactory({
  code: 'dossiers.attachments_not_clean',
  message: 'Một số tệp đính kèm đang được kiểm tra an toàn hoặc bị phát hiện nhiễm mã độc. Vui lòng chờ hoặc thay tệp khác.',
  status: 409,
});

export const createUnrequestedChangesError = createErrorFactory({
  code: 'dossiers.unrequested_changes',
  message: 'Chỉ được sửa các thông tin và thành phần mà cơ quan yêu cầu bổ sung.',
  status: 422,
});

export const createSupplementNotAnsweredError = createErrorFactory({
  code: 'dossiers.supplement_incomplete',
  message: 'Chưa bổ sung đủ các thành phần được yêu cầu.',
  status: 422,
});

export const createUnknownComponentsError = createErrorFactory({
  code: 'dossiers.unknown_components',
  message: 'Có thành phần hồ sơ không thuộc trường hợp của hồ sơ này.',
  status: 400,
});

export const createSupplementRequestNotFoundError = createErrorFactory({
  code: 'dossiers.supplement_request_not_found',
  message: 'Không tìm thấy phiếu yêu cầu bổ sung này.',
  status: 404,
});

export const createNotRefusedError = createErrorFactory({
  code: 'dossiers.not_refused',
  message: 'Hồ sơ này không bị từ chối tiếp nhận.',
  status: 404,
});

export const createNoReceiptYetError = createErrorFactory({
  code: 'dossiers.no_receipt',
  message: 'Hồ sơ chưa được cấp mã nên chưa có giấy tiếp nhận.',
  status: 404,
});

/** Same answer for an unknown code and a wrong key. */
export const createTrackingNotFoundError = createErrorFactory({
  code: 'dossiers.tracking_not_found',
  message: 'Không tìm thấy hồ sơ với mã và bốn số cuối đã nhập. Vui lòng kiểm tra lại.',
  status: 404,
});

export const createAttachmentNotFoundError = createErrorFactory({
  code: 'dossiers.attachment_not_found',
  message: 'Không tìm thấy tệp đính kèm.',
  status: 404,
});

export const createUnitNotConfiguredError = createErrorFactory({
  code: 'dossiers.receiving_unit_missing',
  message: 'Chưa cấu hình đơn vị tiếp nhận hồ sơ.',
  status: 500,
});

export const createNotOfficerOfUnitError = createErrorFactory({
  code: 'dossiers.not_officer',
  message: 'Bạn không phải cán bộ một cửa của đơn vị tiếp nhận này.',
  status: 403,
});

// ---------------------------------------------------------------------------------------------
// Back office

export const createWorkflowMissingError = createErrorFactory({
  code: 'dossiers.workflow_missing',
  message: 'Chưa có quy trình xử lý cho trường hợp này; quản trị viên cần cấu hình quy trình.',
  status: 500,
});

export const createActionNotAvailableError = createErrorFactory({
  code: 'dossiers.action_not_available',
  message: 'Bạn không thể thực hiện thao tác này với hồ sơ ở bước hiện tại (hồ sơ có thể đã được chuyển hoặc giao cho người khác). Vui lòng tải lại trang.',
  status: 409,
});

export const createInvalidActionInputError = createErrorFactory({
  code: 'dossiers.invalid_action_input',
  message: 'Thông tin kèm theo thao tác chưa đầy đủ.',
  status: 422,
});

export const createAssigneeNotEligibleError = createErrorFactory({
  code: 'dossiers.assignee_not_eligible',
  message: 'Người được chọn không thể xử lý bước này.',
  status: 422,
});

export const createDeadlinePassedError = createErrorFactory({
  code: 'dossiers.deadline_passed',
  message: 'Đã quá hạn giải quyết hồ sơ: phiếu xin lỗi và hẹn lại chỉ được lập trước khi hết hạn.',
  status: 409,
});

export const createResultNotReadyError = createErrorFactory({
  code: 'dossiers.result_not_ready',
  message: 'Kết quả chưa sẵn sàng cho thao tác này.',
  status: 409,
});

export const createNoSigningCertificateError = createErrorFactory({
  code: 'dossiers.no_signing_certificate',
  message: 'Chưa có chứng thư số để ký văn bản này; liên hệ quản trị viên để được cấp.',
  status: 409,
});

export const createResultNotAvailableError = createErrorFactory({
  code: 'dossiers.result_not_available',
  message: 'Chưa có kết quả điện tử để tải về cho hồ sơ này.',
  status: 404,
});

export const createNotRatableError = createErrorFactory({
  code: 'dossiers.not_ratable',
  message: 'Chỉ đánh giá được hồ sơ đã trả kết quả, và mỗi hồ sơ một lần.',
  status: 409,
});

export const createDocumentNotFoundError = createErrorFactory({
  code: 'dossiers.document_not_found',
  message: 'Không tìm thấy văn bản này của hồ sơ.',
  status: 404,
});

/** A component already holds as many files as its catalogue entry allows (`maxFiles`, default 5). */
export const createTooManyFilesError = createErrorFactory({
  code: 'dossiers.too_many_files',
  message: 'Thành phần hồ sơ này đã có đủ số tệp tối đa. Hãy xóa bớt tệp cũ trước khi tải thêm.',
  status: 409,
});

/** The files of one dossier together would exceed DOSSIER_MAX_TOTAL_MB. */
export const createTotalSizeExceededError = createErrorFactory({
  code: 'dossiers.total_size_exceeded',
  message: 'Tổng dung lượng các tệp của hồ sơ vượt quá mức cho phép.',
  status: 413,
});

/** The account already has MAX_OPEN_DRAFTS online drafts. */
export const createTooManyDraftsError = createErrorFactory({
  code: 'dossiers.too_many_drafts',
  message: 'Bạn đang có quá nhiều hồ sơ nháp. Hãy nộp hoặc xóa bớt hồ sơ nháp trước khi tạo hồ sơ mới.',
  status: 409,
});

/** An Idempotency-Key the filer already used to submit another dossier. */
export const createIdempotencyKeyReusedError = createErrorFactory({
  code: 'dossiers.idempotency_key_reused',
  message: 'Khóa chống gửi trùng (Idempotency-Key) này đã được dùng khi nộp một hồ sơ khác. Hãy dùng một khóa mới cho mỗi hồ sơ.',
  status: 409,
});

export const createDeliveryNotOfferedError = createErrorFactory({
  code: 'dossiers.delivery_not_offered',
  message: 'Thủ tục này không trả kết quả theo cách đã chọn; vui lòng chọn cách khác.',
  status: 422,
});

export const createDeliveryAddressRequiredError = createErrorFactory({
  code: 'dossiers.delivery_address_required',
  message: 'Vui lòng nhập người nhận, số điện thoại và địa chỉ nhận kết quả qua bưu chính.',
  status: 422,
});

export const createNotPostalDeliveryError = createErrorFactory({
  code: 'dossiers.not_postal_delivery',
  message: 'Hồ sơ này không trả kết quả qua bưu chính, hoặc kết quả chưa sẵn sàng để gửi.',
  status: 409,
});

export const createDeliveryTimeInvalidError = createErrorFactory({
  code: 'dossiers.delivery_time_invalid',
  message: 'Thời điểm phát phải sau khi gửi và không ở tương lai.',
  status: 422,
});
