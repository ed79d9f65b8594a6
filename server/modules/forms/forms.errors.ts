import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createFormValidatorNotFoundError = createErrorFactory({ code: 'forms.validator_not_found', message: 'Không tìm thấy bộ kiểm tra của biểu mẫu này.', status: 404 });

export const createFormSchemaInvalidError = createErrorFactory({
  code: 'forms.schema_invalid',
  message: 'Lược đồ biểu mẫu chưa hợp lệ nên chưa kiểm tra thử được; hãy sửa lược đồ (JSON Schema 2020-12).',
  status: 422,
});
