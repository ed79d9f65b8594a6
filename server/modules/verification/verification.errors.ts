import { createErrorFactory } from '../../platform/errors/app-error.js';

/** Unknown id, or a document not yet signed: the same answer, so drafts cannot be found. */
export const createDocumentNotFoundError = createErrorFactory({
  code: 'verification.document_not_found',
  message: 'Không tìm thấy văn bản đã ký số với mã này. Vui lòng kiểm tra lại mã in trên văn bản hoặc quét lại mã QR.',
  status: 404,
});
