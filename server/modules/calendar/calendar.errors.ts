import { createErrorFactory } from '../../platform/errors/app-error.js';

export const createCalendarDayNotFoundError = createErrorFactory({
  code: 'calendar.day_not_found',
  message: 'Ngày này không có điều chỉnh nào trong lịch làm việc.',
  status: 404,
});

export const createCalendarRangeError = createErrorFactory({
  code: 'calendar.out_of_range',
  message: 'Không tính được thời hạn trong khoảng thời gian này của lịch làm việc.',
  status: 422,
});
