import { describe, expect, it } from 'vitest';
import type { Me } from '../account/types';
import { canEditCalendar, isEditableDate, weekdayOf, yearFromParam, yearOptions } from './calendar-view';

const official = (roles: string[]) => ({ kind: 'OFFICIAL', grants: roles.map((role) => ({ role, unitCode: 'u', unitName: 'U', fieldCodes: [] })) }) as unknown as Me;

describe('working calendar page helpers', () => {
  it('lets only administrators edit', () => {
    expect(canEditCalendar(official(['SPECIALIST', 'ADMINISTRATOR']))).toBe(true);
    expect(canEditCalendar(official(['SPECIALIST']))).toBe(false);
    expect(canEditCalendar({ kind: 'APPLICANT', grants: [] } as unknown as Me)).toBe(false);
    expect(canEditCalendar(null)).toBe(false);
  });

  it('reads weekdays of civil dates', () => {
    expect(weekdayOf('2026-04-26')).toBe(0);
    expect(weekdayOf('2025-04-26')).toBe(6);
  });

  it('takes the year from the address or the current year in Vietnam', () => {
    expect(yearFromParam('2027')).toBe(2027);
    expect(yearFromParam('1999', new Date('2026-06-01T00:00:00Z'))).toBe(2026);
    expect(yearFromParam(null, new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(yearOptions(2030, 2026)).toEqual([2025, 2026, 2027, 2028, 2030]);
  });

  it('accepts only real dates', () => {
    expect(isEditableDate('2026-05-09')).toBe(true);
    expect(isEditableDate('2026-02-30')).toBe(false);
    expect(isEditableDate('09/05/2026')).toBe(false);
    expect(isEditableDate('1999-01-01')).toBe(false);
  });
});
