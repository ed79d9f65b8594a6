import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createDraftNotFoundError = createErrorFactory({ code: 'authoring.draft_not_found', message: 'Không tìm thấy bản nháp thủ tục.', status: 404 });

export const createWorkflowNotFoundError = createErrorFactory({ code: 'authoring.workflow_not_found', message: 'Không tìm thấy quy trình xử lý.', status: 404 });

export const createDraftPublishedError = createErrorFactory({
  code: 'authoring.draft_not_editable',
  message: 'Bản nháp đã được công bố hoặc đã hủy; không thể sửa. Hãy tạo phiên bản mới.',
  status: 409,
});

export const createDraftExistsError = createErrorFactory({
  code: 'authoring.draft_exists',
  message: 'Thủ tục này đã có một bản nháp đang soạn; hãy tiếp tục bản nháp đó.',
  status: 409,
});

export const createProcedureExistsError = createErrorFactory({
  code: 'authoring.procedure_exists',
  message: 'Mã thủ tục đã có trong danh mục; hãy tạo phiên bản mới của thủ tục đó.',
  status: 409,
});

export const createProcedureNotFoundError = createErrorFactory({ code: 'authoring.procedure_not_found', message: 'Không tìm thấy thủ tục hoặc thủ tục chưa có phiên bản đang có hiệu lực.', status: 404 });

/** `errors` lists every problem, each with its path in the draft. */
export const createDraftInvalidError = createErrorFactory({
  code: 'authoring.draft_invalid',
  message: 'Bản nháp chưa hợp lệ; hãy sửa các lỗi được liệt kê trước khi công bố.',
  status: 422,
});

export const createSecondPersonRequiredError = createErrorFactory({
  code: 'authoring.second_person_required',
  message: 'Người đã soạn hoặc sửa bản nháp không được tự công bố; cần một biên tập viên khác (nguyên tắc bốn mắt).',
  status: 409,
});

export const createCaseNotInDraftError = createErrorFactory({
  code: 'authoring.case_not_found',
  message: 'Trường hợp này không có trong bản nháp.',
  status: 404,
});

export const createSecondDesignerRequiredError = createErrorFactory({
  code: 'authoring.second_designer_required',
  message: 'Người đã soạn hoặc sửa quy trình không được tự công bố; cần một người thiết kế quy trình khác (nguyên tắc bốn mắt).',
  status: 409,
});

export const createPublishNotRequestedError = createErrorFactory({
  code: 'authoring.publish_not_requested',
  message: 'Bản nháp quy trình chưa được đề nghị công bố.',
  status: 409,
});

/** `errors` lists every problem (`texts.<part>`); `details.problems` gives each one's line and column. */
export const createTemplateInvalidError = createErrorFactory({
  code: 'authoring.template_invalid',
  message: 'Mẫu văn bản chưa hợp lệ; hãy sửa các lỗi được liệt kê.',
  status: 422,
});

export const createTemplateDraftMissingError = createErrorFactory({
  code: 'authoring.template_draft_not_found',
  message: 'Mẫu văn bản này không có bản nháp đang soạn.',
  status: 404,
});

export const createTemplateScopeError = createErrorFactory({
  code: 'authoring.template_not_per_procedure',
  message: 'Chỉ mẫu văn bản kết quả mới có thể riêng cho từng thủ tục.',
  status: 400,
});
