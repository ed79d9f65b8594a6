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
