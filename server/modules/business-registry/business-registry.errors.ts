import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createEnterpriseNotFoundError = createErrorFactory({
  code: 'business_registry.not_found',
  message: 'Không tìm thấy doanh nghiệp có mã số thuế này trong Cổng thông tin quốc gia về đăng ký doanh nghiệp. Vui lòng kiểm tra lại hoặc tự nhập thông tin.',
  status: 404,
});

export const createRegistryUnavailableError = createErrorFactory({
  code: 'business_registry.unavailable',
  message: 'Chưa tra cứu được Cổng thông tin quốc gia về đăng ký doanh nghiệp. Vui lòng tự nhập tên và địa chỉ của doanh nghiệp.',
  status: 503,
});
