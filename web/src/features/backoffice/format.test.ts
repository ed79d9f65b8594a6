import { describe, expect, it } from 'vitest';
import { dueDateTime, vnDayAt, vnToday } from './format';

describe('back-office dates in Viet Nam time', () => {
  it('shows dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh whatever the machine zone', () => {
    expect(dueDateTime('2026-11-28T03:42:00Z')).toBe('28/11/2026 10:42');
    expect(dueDateTime('2026-12-31T17:05:00Z')).toBe('01/01/2027 00:05');
  });

  it('turns a picked day into that day\'s local time', () => {
    expect(vnDayAt('2026-12-03')).toBe('2026-12-03T01:00:00.000Z');
    expect(vnDayAt('2026-12-03', '16:30')).toBe('2026-12-03T09:30:00.000Z');
  });

  it('knows today in Viet Nam, a day ahead of UTC in the evening', () => {
    expect(vnToday(new Date('2026-11-28T18:00:00Z'))).toBe('2026-11-29');
  });
});
