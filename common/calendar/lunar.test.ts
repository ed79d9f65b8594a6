import { describe, expect, it } from 'vitest';
import { addDays, datesBetween } from './dates.js';
import { hungKingsDay, leapMonthOf, lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.js';

// Tết Nguyên đán in Vietnam, 1990–2040 (published Vietnamese calendars).
// 2030 is one of the years when Vietnam (UTC+7) celebrates a day before China (UTC+8): the new moon
// is at 23:07 on 2 February in Hà Nội and 00:07 on 3 February in Beijing.
const tet: Record<number, string> = {
  1990: '1990-01-27', 1991: '1991-02-15', 1992: '1992-02-04', 1993: '1993-01-23', 1994: '1994-02-10',
  1995: '1995-01-31', 1996: '1996-02-19', 1997: '1997-02-07', 1998: '1998-01-28', 1999: '1999-02-16',
  2000: '2000-02-05', 2001: '2001-01-24', 2002: '2002-02-12', 2003: '2003-02-01', 2004: '2004-01-22',
  2005: '2005-02-09', 2006: '2006-01-29', 2007: '2007-02-17', 2008: '2008-02-07', 2009: '2009-01-26',
  2010: '2010-02-14', 2011: '2011-02-03', 2012: '2012-01-23', 2013: '2013-02-10', 2014: '2014-01-31',
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-02', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08', 2036: '2036-01-28', 2037: '2037-02-15', 2038: '2038-02-04', 2039: '2039-01-24',
  2040: '2040-02-12',
};

describe('Vietnamese lunar calendar', () => {
  it.each(Object.entries(tet))('Tết %s is on %s', (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
    expect(solarToLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
    // The day before is the last day of the previous lunar year, in month 12 (never a leap month in these years).
    const eve = solarToLunar(addDays(date, -1));
    expect(eve).toMatchObject({ year: Number(year) - 1, month: 12, leap: false });
    expect([29, 30]).toContain(eve.day);
  });

  it.each([
    ['1985: a month before China (20 February)', 1985, '1985-01-21'],
    ['2007: a day before China (18 February)', 2007, '2007-02-17'],
    ['1968: a day before China (30 January)', 1968, '1968-01-29'],
    ['2030: a day before China (3 February)', 2030, '2030-02-02'],
  ])('differs from the Chinese calendar — %s', (_name, year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2018, '2018-04-25'], [2019, '2019-04-14'], [2021, '2021-04-21'], [2022, '2022-04-10'],
    [2023, '2023-04-29'], [2024, '2024-04-18'], [2025, '2025-04-07'], [2026, '2026-04-26'],
  ])("Hùng Kings' day %i is on %s", (year, date) => {
    expect(hungKingsDay(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it.each([
    [2012, 4], [2014, 9], [2017, 6], [2020, 4], [2023, 2], [2025, 6], [2028, 5], [2033, 11],
    [2021, null], [2024, null], [2026, null], [2027, null],
  ])('lunar year %i has leap month %s', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('converts days in and around a leap month both ways (2023, leap 2nd month)', () => {
    expect(solarToLunar('2023-02-20')).toEqual({ year: 2023, month: 2, day: 1, leap: false });
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar('2023-04-20')).toEqual({ year: 2023, month: 3, day: 1, leap: false });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: false })).toBe('2023-02-20');
  });

  it('knows other well-known days (Mid-Autumn 15/8)', () => {
    expect(lunarToSolar({ year: 2024, month: 8, day: 15, leap: false })).toBe('2024-09-17');
    expect(lunarToSolar({ year: 2025, month: 8, day: 15, leap: false })).toBe('2025-10-06');
  });

  it('round-trips every day from 1990 to 2040 and counts days without gaps', () => {
    let previous = solarToLunar('1989-12-31');
    for (const date of datesBetween('1990-01-01', '2040-12-31')) {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar)).toBe(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(previous.day);
        expect(lunarMonthLength(previous.year, previous.month, previous.leap)).toBe(previous.day);
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = lunar;
    }
  });

  it('refuses lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1, leap: false })).toThrow(RangeError);
    const short = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find((m) => lunarMonthLength(2026, m) === 29)!;
    expect(() => lunarToSolar({ year: 2026, month: short, day: 30, leap: false })).toThrow(RangeError);
    expect(() => solarToLunar('2026-02-30')).toThrow(RangeError);
  });
});
