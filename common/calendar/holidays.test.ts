import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, nationalDayAdjacentDay, parseWorkingHours, publicHolidays, statutoryHolidays, workingDayCount } from './holidays.js';

const dates = (year: number, kind?: string) => publicHolidays(year).filter((h) => !kind || h.kind === kind).map((h) => h.date);

describe('public holidays', () => {
  it('lists the statutory days of 2026 (Labour Code art. 112)', () => {
    expect(statutoryHolidays(2026).map((h) => [h.date, h.kind])).toEqual([
      ['2026-01-01', 'NEW_YEAR'],
      ['2026-02-16', 'TET'], ['2026-02-17', 'TET'], ['2026-02-18', 'TET'], ['2026-02-19', 'TET'], ['2026-02-20', 'TET'],
      ['2026-04-26', 'HUNG_KINGS'],
      ['2026-04-30', 'REUNIFICATION_DAY'],
      ['2026-05-01', 'LABOUR_DAY'],
      ['2026-09-02', 'NATIONAL_DAY'], ['2026-09-03', 'NATIONAL_DAY'],
    ]);
  });

  it("gives the Monday off when Hùng Kings' day falls on a Sunday (2026)", () => {
    expect(dates(2026, 'COMPENSATORY')).toEqual(['2026-04-27']);
  });

  it('compensates Tết days on the weekend after the whole Tết run (2027: Tết on Saturday)', () => {
    expect(dates(2027, 'TET')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(dates(2027, 'COMPENSATORY')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('compensates 30/4 and 1/5 on a weekend with Monday and Tuesday (2022)', () => {
    expect(dates(2022, 'COMPENSATORY')).toContain('2022-05-02');
    expect(dates(2022, 'COMPENSATORY')).toContain('2022-05-03');
  });

  it('compensates New Year on a Sunday with the Monday (2023)', () => {
    expect(dates(2023, 'COMPENSATORY')[0]).toBe('2023-01-02');
  });

  it.each([
    [2021, '2021-09-03'], // 2/9 Thursday → Friday, as decided
    [2022, '2022-09-01'], // Friday → Thursday, as decided
    [2023, '2023-09-01'], // Saturday → Friday (and Monday 4/9 compensates 2/9), as decided
    [2024, '2024-09-03'], // Monday → Tuesday, as decided
    [2025, '2025-09-01'], // Tuesday → Monday, as decided
    [2026, '2026-09-03'], // Wednesday → the day after
    [2029, '2029-09-03'], // Sunday → Monday
  ])('puts the day adjacent to National Day %i on %s by default', (year, date) => {
    expect(nationalDayAdjacentDay(year)).toBe(date);
  });

  it('compensates National Day 2023 on Saturday with Monday 4/9', () => {
    expect(dates(2023).filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });

  it('compensates National Day on a Sunday after the adjacent Monday (2029)', () => {
    expect(dates(2029).filter((d) => d.startsWith('2029-09'))).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
  });
});

describe('working calendar', () => {
  it('counts the working days of a year: 261 weekdays in 2026 minus 11 holidays on weekdays', () => {
    expect(workingDayCount(createWorkingCalendar(), 2026)).toBe(250);
  });

  it('lets the yearly decision win: a make-up Saturday works, a swapped weekday is off', () => {
    // 2025: Friday 2/5 off, made up on Saturday 26/4 (the Government's decision for 30/4–1/5).
    const calendar = createWorkingCalendar({ overrides: [
      { date: '2025-04-26', kind: 'WORKING', note: 'Làm bù cho thứ Sáu 02/5/2025' },
      { date: '2025-05-02', kind: 'DAY_OFF', note: 'Nghỉ hoán đổi' },
    ] });
    expect(calendar.describeDay('2025-04-26')).toMatchObject({ working: true, reason: 'OVERRIDE' });
    expect(calendar.describeDay('2025-05-02')).toMatchObject({ working: false, reason: 'OVERRIDE' });
    expect(calendar.describeDay('2025-04-30')).toMatchObject({ working: false, reason: 'HOLIDAY', holiday: { kind: 'REUNIFICATION_DAY' } });
    expect(calendar.describeDay('2025-05-03')).toMatchObject({ working: false, reason: 'WEEKLY_REST' });
    expect(calendar.describeDay('2025-05-05')).toMatchObject({ working: true, reason: 'WEEKDAY' });
    expect(workingDayCount(calendar, 2025)).toBe(workingDayCount(createWorkingCalendar(), 2025));
    expect(calendar.overrides(2025).map((o) => o.date)).toEqual(['2025-04-26', '2025-05-02']);
    expect(calendar.overrides(2026)).toEqual([]);
  });

  it('lets an override cancel a computed day off (a different adjacent day for 2/9)', () => {
    const calendar = createWorkingCalendar({ overrides: [
      { date: '2026-09-03', kind: 'WORKING', note: 'Quyết định năm 2026 chọn ngày 01/9' },
      { date: '2026-09-01', kind: 'DAY_OFF', note: 'Quốc khánh (ngày liền kề)' },
    ] });
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false);
    expect(calendar.describeDay('2026-09-03').holiday?.kind).toBe('NATIONAL_DAY');
  });

  it('reads working hours: the default is 8 hours, other sessions are accepted and checked', () => {
    expect(createWorkingCalendar().minutesPerDay).toBe(480);
    expect(createWorkingCalendar({ sessions: parseWorkingHours('08:00-12:00, 13:30-17:00') }).minutesPerDay).toBe(450);
    expect(() => parseWorkingHours('13:30-17:00,07:00-11:30')).toThrow(RangeError);
    expect(() => parseWorkingHours('07:00-07:00')).toThrow(RangeError);
    expect(() => parseWorkingHours('7h-11h')).toThrow(RangeError);
    expect(() => parseWorkingHours('07:00-11:30-12:00')).toThrow(RangeError);
  });
});
