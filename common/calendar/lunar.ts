/**
 * The Vietnamese lunisolar calendar (âm lịch), by Hồ Ngọc Đức's algorithm: new moons and the
 * major solar terms (trung khí) computed astronomically and dated at the meridian of UTC+7.
 *
 * The rules are the Chinese ones — month 11 holds the winter solstice; in a year with 13 months
 * the first month without a major solar term is the leap month — but the dates come from
 * Vietnamese local time, so a new moon between 23:00 and 24:00 UTC+7 starts a month one day
 * earlier than in China (UTC+8). That is why Tết 2007 fell on 17 February in Vietnam and on
 * 18 February in China, and why in 1985 Vietnam celebrated Tết on 21 January, a month before
 * China (the leap month fell differently). Valid roughly for 1800–2199.
 *
 * Reference: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (astronomical formulas after Meeus,
 * "Astronomical Algorithms").
 */
import { formatIsoDate, parseIsoDate, type IsoDate } from './dates.js';

export interface LunarDate {
  /** The lunar year, numbered as the Gregorian year in which it mostly falls (Tết 2026 starts lunar year 2026). */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the repeated (nhuận) month. */
  leap: boolean;
}

/** Vietnam: UTC+7, in hours. */
const TIME_ZONE = 7;
const SYNODIC_MONTH = 29.530588853;
const KNOWN_NEW_MOON = 2415021.076998695; // 1900-01-01 13:52 UT, new moon number 0

const floor = Math.floor;

/** Julian day number of a Gregorian (or, before 1582-10-15, Julian) date. */
export function julianDayFromDate(day: number, month: number, year: number): number {
  const a = floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  if (jd < 2299161) jd = day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  return jd;
}

export function dateFromJulianDay(jd: number): { day: number; month: number; year: number } {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return {
    day: e - floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * floor(m / 10),
    year: b * 100 + d - 4800 + floor(m / 10),
  };
}

/** Julian date (with fraction, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // Sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // Moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // Moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The Sun's apparent longitude, radians in [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * floor(L / (Math.PI * 2));
  return L;
}

/** Which of the 12 major solar terms (0–11, 30° each from the vernal equinox) is in force at local midnight starting day `jd`. */
function solarTermAt(jd: number): number {
  return floor((sunLongitude(jd - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** Julian day number of the local date of new moon k. */
function newMoonDay(k: number): number {
  return floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Julian day number of the first day of lunar month 11 (the month with the winter solstice) in Gregorian year `year`. */
function lunarMonth11(year: number): number {
  const off = julianDayFromDate(31, 12, year) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k);
  if (solarTermAt(nm) >= 9) nm = newMoonDay(k - 1);
  return nm;
}

/** In a 13-month lunar year starting at month 11 `a11`: how many months after a11 the leap month comes. */
function leapMonthOffset(a11: number): number {
  const k = floor((a11 - KNOWN_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = solarTermAt(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = solarTermAt(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function solarToLunarJd(jd: number): LunarDate {
  const { year } = dateFromJulianDay(jd);
  const k = floor((jd - KNOWN_NEW_MOON) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jd) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const day = jd - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** Julian day number of the first day of a lunar month, or null when that (leap) month does not exist. */
function lunarMonthStartJd(year: number, month: number, leap: boolean): number | null {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = floor(0.5 + (a11 - KNOWN_NEW_MOON) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + off);
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 1800 || year > 2199) throw new RangeError(`lunar calendar supported for 1800–2199, not ${year}`);
}

/** The lunar date of a civil date. */
export function solarToLunar(date: IsoDate): LunarDate {
  const { year, month, day } = parseIsoDate(date);
  checkYear(year);
  return solarToLunarJd(julianDayFromDate(day, month, year));
}

/** Number of days (29 or 30) of a lunar month; throws when a leap month does not exist that year. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  checkYear(year);
  const start = lunarMonthStartJd(year, month, leap);
  if (start === null) throw new RangeError(`lunar year ${year} has no leap month ${month}`);
  // The next month starts at the next new moon, about 29.5 days later.
  const k = floor((start + 15 - KNOWN_NEW_MOON) / SYNODIC_MONTH);
  let next = newMoonDay(k);
  if (next <= start) next = newMoonDay(k + 1);
  return next - start;
}

/** The civil date of a lunar date; throws a RangeError for a day or leap month that does not exist. */
export function lunarToSolar(lunar: LunarDate): IsoDate {
  const { year, month, day, leap } = lunar;
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`lunar month must be 1–12, not ${month}`);
  const start = lunarMonthStartJd(year, month, leap);
  if (start === null) throw new RangeError(`lunar year ${year} has no leap month ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > lunarMonthLength(year, month, leap)) {
    throw new RangeError(`lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has no day ${day}`);
  }
  const d = dateFromJulianDay(start + day - 1);
  return formatIsoDate(d.year, d.month, d.day);
}

/** The leap month (1–12) of a lunar year, or null in a 12-month year. */
export function leapMonthOf(year: number): number | null {
  checkYear(year);
  for (let month = 1; month <= 12; month++) {
    if (lunarMonthStartJd(year, month, true) !== null) return month;
  }
  return null;
}

/** Tết Nguyên Đán: the first day of the first lunar month of `year`. */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false });
}

/** Hùng Kings' Commemoration Day (Giỗ Tổ Hùng Vương): 10th day of the 3rd lunar month. */
export function hungKingsDay(year: number): IsoDate {
  return lunarToSolar({ year, month: 3, day: 10, leap: false });
}
