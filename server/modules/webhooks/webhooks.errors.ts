import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createSubscriptionNotFoundError = createErrorFactory({
  code: 'webhooks.subscription_not_found',
  message: 'Không tìm thấy đăng ký webhook.',
  status: 404,
});

export const createInvalidUrlError = createErrorFactory({
  code: 'webhooks.invalid_url',
  message: 'Địa chỉ nhận webhook không hợp lệ: cần một URL http(s) đầy đủ.',
  status: 400,
});

export const createForbiddenTargetError = createErrorFactory({
  code: 'webhooks.forbidden_target',
  message: 'Không được gửi webhook tới địa chỉ nội bộ, loopback hoặc link-local (trừ khi có trong WEBHOOK_ALLOWED_HOSTS).',
  status: 422,
});

export const createUnresolvableHostError = createErrorFactory({
  code: 'webhooks.unresolvable_host',
  message: 'Không phân giải được tên miền của địa chỉ nhận webhook.',
  status: 422,
});

export const createSubscriptionDisabledError = createErrorFactory({
  code: 'webhooks.subscription_disabled',
  message: 'Đăng ký webhook đang tạm dừng; hãy bật lại trước khi gửi.',
  status: 409,
});
