/** The working calendar: Vietnamese lunar calendar, public holidays and overrides, deadlines. */
export * from './dates.js';
export * from './lunar.js';
export * from './holidays.js';
export * from './deadlines.js';
