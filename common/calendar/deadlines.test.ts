import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, fromLocal } from './dates.js';
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingHours,
  classifyTimeliness,
  dueDate,
  onTimePercentage,
  phasesDueAt,
  planPhases,
  startOfCounting,
  workingMinutesBetween,
  type ClockStop,
} from './deadlines.js';
import { createWorkingCalendar, parseWorkingHours, type CalendarOverride } from './holidays.js';

/** `2026-03-02 09:00` in Hà Nội time. */
const at = (value: string) => {
  const [date, time] = value.split(' ') as [string, string];
  const [h, m] = time.split(':').map(Number) as [number, number];
  return fromLocal(date, h * 60 + m);
};
const show = (d: Date) => formatLocalDateTime(d).slice(0, 16).replace('T', ' ');

const calendar = createWorkingCalendar();
// The Government's decision for 30/4–1/5/2025: Friday 2/5 off, made up on Saturday 26/4.
const decided2025: CalendarOverride[] = [
  { date: '2025-04-26', kind: 'WORKING', note: 'Làm bù' },
  { date: '2025-05-02', kind: 'DAY_OFF', note: 'Nghỉ hoán đổi' },
];

describe('start of counting', () => {
  it.each([
    ['during the morning session', '2026-03-02 09:15', '2026-03-02 09:15'],
    ['before opening', '2026-03-02 06:10', '2026-03-02 07:00'],
    ['during the lunch break', '2026-03-02 12:00', '2026-03-02 13:30'],
    ['at closing', '2026-03-02 17:00', '2026-03-03 07:00'],
    ['after closing', '2026-03-02 21:45', '2026-03-03 07:00'],
    ['on Friday evening', '2026-03-06 17:30', '2026-03-09 07:00'],
    ['on a Saturday', '2026-03-07 10:00', '2026-03-09 07:00'],
    ['on the last working day before Tết 2027', '2027-02-04 18:00', '2027-02-12 07:00'],
  ])('%s', (_name, received, expected) => {
    expect(show(startOfCounting(at(received), calendar))).toBe(expected);
  });
});

describe('working-day and working-hour limits', () => {
  it.each([
    ['1 day from 09:00 Monday', '2026-03-02 09:00', 1, '2026-03-03 09:00'],
    ['1 day from opening ends at closing the same day', '2026-03-02 07:00', 1, '2026-03-02 17:00'],
    ['1 day received before opening', '2026-03-02 06:00', 1, '2026-03-02 17:00'],
    ['1 day received at lunch', '2026-03-02 12:00', 1, '2026-03-03 11:30'],
    ['1 day received after closing', '2026-03-02 17:30', 1, '2026-03-03 17:00'],
    ['1 day from Friday 16:00 skips the weekend', '2026-03-06 16:00', 1, '2026-03-09 16:00'],
    ['1 day received on Saturday', '2026-03-07 10:00', 1, '2026-03-09 17:00'],
    ['0 days is the start of counting', '2026-03-02 17:30', 0, '2026-03-03 07:00'],
    ['5 days is a week', '2026-03-02 09:00', 5, '2026-03-09 09:00'],
    ['3 days across Tết 2027 (off 5–11/2)', '2027-02-04 09:00', 3, '2027-02-16 09:00'],
    ['2 days before the 2026 bridge (Hùng Kings on Sunday → Monday 27/4 off)', '2026-04-24 15:00', 2, '2026-04-29 15:00'],
    ['3 days across 30/4–1/5/2026 and the weekend', '2026-04-24 15:00', 3, '2026-05-04 15:00'],
    ['1 day across New Year 2023 on a Sunday (Monday 2/1 off)', '2022-12-30 09:00', 1, '2023-01-03 09:00'],
  ])('%s', (_name, received, days, expected) => {
    expect(show(addWorkingDays(at(received), days, calendar))).toBe(expected);
    expect(show(dueDate(at(received), { amount: days, unit: 'WORKING_DAY' }, calendar))).toBe(expected);
  });

  it('follows the yearly decision: swapped Friday off and a make-up Saturday (30/4–1/5/2025)', () => {
    const decided = createWorkingCalendar({ overrides: decided2025 });
    expect(show(addWorkingDays(at('2025-04-29 10:00'), 1, decided))).toBe('2025-05-05 10:00');
    expect(show(addWorkingDays(at('2025-04-29 10:00'), 1, calendar))).toBe('2025-05-02 10:00');
    expect(show(addWorkingDays(at('2025-04-25 10:00'), 1, decided))).toBe('2025-04-26 10:00');
    expect(show(startOfCounting(at('2025-04-26 06:00'), decided))).toBe('2025-04-26 07:00');
  });

  it('follows an extra day off after Tết with a make-up Saturday (2027, hypothetical decision)', () => {
    const decided = createWorkingCalendar({ overrides: [
      { date: '2027-02-12', kind: 'DAY_OFF', note: 'Nghỉ hoán đổi' },
      { date: '2027-02-20', kind: 'WORKING', note: 'Làm bù cho ngày 12/02/2027' },
    ] });
    expect(show(addWorkingDays(at('2027-02-04 09:00'), 3, decided))).toBe('2027-02-17 09:00');
    expect(show(addWorkingDays(at('2027-02-19 09:00'), 1, decided))).toBe('2027-02-20 09:00');
  });

  it.each([
    ['across lunch', '2026-03-02 11:00', 1, '2026-03-02 14:00'],
    ['across the night', '2026-03-02 16:00', 2, '2026-03-03 08:00'],
    ['ends exactly at noon closing', '2026-03-02 07:00', 4.5, '2026-03-02 11:30'],
    ['8 hours is a working day', '2026-03-06 16:00', 8, '2026-03-09 16:00'],
    ['received in the evening', '2026-03-02 19:00', 1, '2026-03-03 08:00'],
  ])('working hours %s', (_name, received, hours, expected) => {
    expect(show(addWorkingHours(at(received), hours, calendar))).toBe(expected);
    expect(show(dueDate(at(received), { amount: hours, unit: 'WORKING_HOUR' }, calendar))).toBe(expected);
    expect(show(dueDate(at(received), { amount: hours, unit: 'HOUR' }, calendar))).toBe(expected);
  });

  it('uses configured working hours (08:00–12:00, 13:30–17:00: a working day is 7.5 h)', () => {
    const other = createWorkingCalendar({ sessions: parseWorkingHours('08:00-12:00,13:30-17:00') });
    expect(show(addWorkingDays(at('2026-03-02 08:00'), 1, other))).toBe('2026-03-02 17:00');
    expect(show(addWorkingDays(at('2026-03-02 09:00'), 1, other))).toBe('2026-03-03 09:00');
    expect(show(startOfCounting(at('2026-03-02 07:30'), other))).toBe('2026-03-02 08:00');
  });

  it('refuses negative or non-finite amounts', () => {
    expect(() => addWorkingDays(at('2026-03-02 09:00'), -1, calendar)).toThrow(RangeError);
    expect(() => addCalendarDays(at('2026-03-02 09:00'), Number.NaN, calendar)).toThrow(RangeError);
  });

  it('gives up on a calendar without working days', () => {
    const never = createWorkingCalendar({ weeklyRestDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(() => addWorkingDays(at('2026-03-02 09:00'), 1, never)).toThrow(RangeError);
  });
});

describe('calendar-day limits', () => {
  it.each([
    ['42 days ending on a working day', '2026-03-02 09:00', 42, '2026-04-13 09:00'],
    ['5 days ending on Saturday roll to Monday', '2026-03-02 09:00', 5, '2026-03-09 09:00'],
    ['received after closing, counted from the next morning', '2026-03-02 18:00', 5, '2026-03-09 07:00'],
    ['7 days ending in Tết 2027 roll past the compensatory days', '2027-02-01 09:00', 7, '2027-02-12 09:00'],
  ])('%s', (_name, received, days, expected) => {
    expect(show(addCalendarDays(at(received), days, calendar))).toBe(expected);
    expect(show(dueDate(at(received), { amount: days, unit: 'CALENDAR_DAY' }, calendar))).toBe(expected);
  });

  it('can keep a due date on a day off', () => {
    expect(show(addCalendarDays(at('2026-03-02 09:00'), 5, calendar, { rollToWorkingDay: false }))).toBe('2026-03-07 09:00');
  });
});

describe('clock stops', () => {
  const stop = (from: string, to: string): ClockStop => ({ from: at(from), to: at(to) });
  const received = at('2026-03-02 09:00');

  it.each<[string, ClockStop[], string]>([
    ['none', [], '2026-03-09 09:00'],
    ['two working days of waiting move the due two working days', [stop('2026-03-04 10:00', '2026-03-06 10:00')], '2026-03-11 09:00'],
    ['a stop over the weekend only changes nothing', [stop('2026-03-07 08:00', '2026-03-08 20:00')], '2026-03-09 09:00'],
    ['a stop after the due changes nothing', [stop('2026-03-10 08:00', '2026-03-12 08:00')], '2026-03-09 09:00'],
    ['a stop during lunch changes nothing', [stop('2026-03-03 11:30', '2026-03-03 13:30')], '2026-03-09 09:00'],
    ['overlapping stops count once', [stop('2026-03-04 10:00', '2026-03-05 10:00'), stop('2026-03-05 07:00', '2026-03-06 10:00')], '2026-03-11 09:00'],
    ['a stop from before reception delays the start', [stop('2026-03-01 08:00', '2026-03-03 09:00')], '2026-03-10 09:00'],
    ['an empty or reversed stop is ignored', [stop('2026-03-04 10:00', '2026-03-04 10:00'), stop('2026-03-05 10:00', '2026-03-04 10:00')], '2026-03-09 09:00'],
  ])('working days: %s', (_name, stops, expected) => {
    expect(show(addWorkingDays(received, 5, calendar, { stops }))).toBe(expected);
  });

  it('the new due is the old due plus the working time waited', () => {
    const stops = [stop('2026-03-03 15:00', '2026-03-05 08:00')];
    const waited = workingMinutesBetween(stops[0]!.from, stops[0]!.to, calendar);
    expect(waited).toBe(120 + 480 + 60);
    expect(addWorkingDays(received, 5, calendar, { stops })).toEqual(addWorkingHours(addWorkingDays(received, 5, calendar), waited / 60, calendar));
  });

  it('calendar days: the due moves by the elapsed time of the stop, then rolls to a working day', () => {
    expect(show(addCalendarDays(received, 10, calendar, { stops: [stop('2026-03-03 09:00', '2026-03-06 09:00')] }))).toBe('2026-03-16 09:00');
    expect(show(addCalendarDays(received, 10, calendar, { stops: [stop('2026-03-03 09:00', '2026-03-04 09:00'), stop('2026-03-12 09:00', '2026-03-13 09:00')] }))).toBe('2026-03-16 09:00');
    expect(show(addCalendarDays(received, 10, calendar, { stops: [stop('2026-03-13 09:00', '2026-03-14 09:00')] }))).toBe('2026-03-12 09:00');
  });
});

describe('working time between two instants', () => {
  it.each([
    ['Friday 16:00 to Monday 09:00', '2026-03-06 16:00', '2026-03-09 09:00', 180],
    ['reversed', '2026-03-09 09:00', '2026-03-06 16:00', 0],
    ['over Tết 2027', '2027-02-04 17:00', '2027-02-12 07:30', 30],
  ])('%s', (_name, from, to, minutes) => {
    expect(workingMinutesBetween(at(from), at(to), calendar)).toBe(minutes);
  });
});

describe('phases', () => {
  const phases = [
    { name: 'Kiểm tra hồ sơ', amount: 3, unit: 'WORKING_DAY' as const },
    { name: 'Thẩm định', amount: 10, unit: 'WORKING_DAY' as const },
    { name: 'Cấp giấy phép', amount: 2, unit: 'WORKING_DAY' as const },
  ];

  it('runs the phases back to back from reception', () => {
    const plan = planPhases(at('2026-03-02 09:00'), phases, calendar);
    expect(plan.phases.map((p) => [p.name, show(p.startsAt), show(p.dueAt)])).toEqual([
      ['Kiểm tra hồ sơ', '2026-03-02 09:00', '2026-03-05 09:00'],
      ['Thẩm định', '2026-03-05 09:00', '2026-03-19 09:00'],
      ['Cấp giấy phép', '2026-03-19 09:00', '2026-03-23 09:00'],
    ]);
    expect(show(plan.dueAt)).toBe('2026-03-23 09:00');
  });

  it('starts a phase when the previous one finished, without moving the overall due', () => {
    const plan = planPhases(at('2026-03-02 09:00'), [{ ...phases[0]!, finishedAt: at('2026-03-03 15:00') }, phases[1]!, phases[2]!], calendar);
    expect(plan.phases.map((p) => show(p.dueAt))).toEqual(['2026-03-05 09:00', '2026-03-17 15:00', '2026-03-19 15:00']);
    expect(show(plan.dueAt)).toBe('2026-03-23 09:00');
  });

  it('mixes units and moves every due by the clock stops', () => {
    const stops = [{ from: at('2026-03-03 07:00'), to: at('2026-03-04 07:00') }];
    const plan = planPhases(at('2026-03-02 09:00'), [phases[0]!, { name: 'Lấy ý kiến', amount: 4, unit: 'WORKING_HOUR' }], calendar, { stops });
    expect(plan.phases.map((p) => show(p.dueAt))).toEqual(['2026-03-06 09:00', '2026-03-06 15:00']);
    expect(show(plan.dueAt)).toBe('2026-03-06 15:00');
  });

  it('without phases the due is the start of counting', () => {
    expect(show(planPhases(at('2026-03-02 18:00'), [], calendar).dueAt)).toBe('2026-03-03 07:00');
  });

  it('phasesDueAt gives the overall due of the plan without planning each phase', () => {
    const stops = [{ from: at('2026-03-03 07:00'), to: at('2026-03-04 07:00') }];
    const mixed = [phases[0]!, { name: 'Lấy ý kiến', amount: 4, unit: 'WORKING_HOUR' as const }, { name: 'Niêm yết', amount: 5, unit: 'CALENDAR_DAY' as const }];
    for (const from of ['2026-03-02 09:00', '2026-03-02 18:00', '2026-03-07 10:00', '2026-04-24 16:30', '2026-12-31 11:45']) {
      for (const list of [[], phases, [{ ...phases[0]!, finishedAt: at('2026-03-03 15:00') }, phases[1]!], mixed]) {
        for (const options of [{}, { stops }]) {
          expect(phasesDueAt(at(from), list, calendar, options)).toEqual(planPhases(at(from), list, calendar, options).dueAt);
        }
      }
    }
  });
});

describe('timeliness (the one rule)', () => {
  const dueAt = at('2026-03-09 17:00');
  it.each([
    ['resolved on an earlier date: early', '2026-03-06 10:00', 'EARLY'],
    ['resolved the morning of the due date: on time', '2026-03-09 08:00', 'ON_TIME'],
    ['resolved on the due date after the due hour: on time', '2026-03-09 23:30', 'ON_TIME'],
    ['resolved the next day: late', '2026-03-10 06:00', 'LATE'],
  ])('%s', (_name, resolvedAt, expected) => {
    expect(classifyTimeliness({ dueAt, resolvedAt: at(resolvedAt), at: at('2026-03-31 00:00') })).toBe(expected);
  });

  it.each([
    ['pending on the due date: within deadline', '2026-03-09 23:59', 'WITHIN_DEADLINE'],
    ['pending before: within deadline', '2026-03-02 08:00', 'WITHIN_DEADLINE'],
    ['pending the next local day (still 9/3 in UTC): overdue', '2026-03-10 00:00', 'OVERDUE'],
  ])('%s', (_name, now, expected) => {
    expect(classifyTimeliness({ dueAt, resolvedAt: null, at: at(now) })).toBe(expected);
  });

  it('computes the on-time percentage', () => {
    expect(onTimePercentage({ EARLY: 2, ON_TIME: 1, LATE: 1, WITHIN_DEADLINE: 5, OVERDUE: 1 })).toBe(80);
    expect(onTimePercentage({ EARLY: 0, ON_TIME: 0, LATE: 0, WITHIN_DEADLINE: 0, OVERDUE: 0 })).toBeNull();
  });
});
