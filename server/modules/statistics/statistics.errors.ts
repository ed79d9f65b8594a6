import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createStatisticsForbiddenError = createErrorFactory({ code: 'auth.forbidden', message: 'Chỉ lãnh đạo và trưởng đơn vị được xem báo cáo thống kê.', status: 403 });
export const createInvalidPeriodError = createErrorFactory({ code: 'statistics.invalid_period', message: 'Kỳ báo cáo không hợp lệ: cần ngày bắt đầu và ngày kết thúc dạng YYYY-MM-DD, ngày bắt đầu không sau ngày kết thúc, tối đa 5 năm.', status: 400 });
