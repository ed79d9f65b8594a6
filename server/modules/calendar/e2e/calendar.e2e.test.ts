import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { ConfigError, loadConfig } from '../../../platform/config/config.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { startSession } from '../../identity/identity.sessions.js';

let ctx: TestContext;
const CSRF = 'calendar-test-csrf';
const sessionHeaders = new Map<string, Record<string, string>>();

async function headersOf(email: string) {
  const cached = sessionHeaders.get(email);
  if (cached) return cached;
  const user = await createIdentityRepository({ db: ctx.database.db }).getUserByEmail(email);
  if (!user) throw new Error(`demo account ${email} missing`);
  const { token } = await startSession({ db: ctx.database.db, userId: user.id, policy: { idleMinutes: 30, absoluteHours: 1 } });
  const headers = { cookie: `opendvc_session=${token}; csrf=${CSRF}`, 'x-csrf-token': CSRF };
  sessionHeaders.set(email, headers);
  return headers;
}

const admin = () => headersOf('admin@demo.opendvc.vn');
const due = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/calendar/due-date?${query}` });
const dueAt = async (from: string, amount: number, unit: string) => {
  const res = await due(new URLSearchParams({ from, amount: String(amount), unit }).toString());
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { dueAt: string }).dueAt;
};
const year = async (y: number) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/calendar/years/${y}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { workingDays: number; holidays: { date: string; kind: string; working: boolean }[]; overrides: { date: string; kind: string; note: string }[]; workingHours: unknown; hoursPerWorkingDay: number };
};
const setDay = async (date: string, body: unknown, headers?: Record<string, string>) =>
  ctx.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/days/${date}`, headers: headers ?? (await admin()), payload: body as object });
const clearDay = async (date: string, headers?: Record<string, string>) =>
  ctx.app.inject({ method: 'DELETE', url: `/api/v1/admin/calendar/days/${date}`, headers: headers ?? (await admin()) });

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('GET /api/v1/calendar/due-date', () => {
  it.each([
    ['1 working day from 09:00 Monday', '2026-03-02T09:00:00+07:00', 1, 'WORKING_DAY', '2026-03-03T09:00:00+07:00'],
    ['received after closing', '2026-03-02T17:30:00+07:00', 1, 'WORKING_DAY', '2026-03-03T17:00:00+07:00'],
    ['the same instant in UTC', '2026-03-02T10:30:00Z', 1, 'WORKING_DAY', '2026-03-03T17:00:00+07:00'],
    ['local time without an offset, during lunch', '2026-03-02T12:15', 1, 'WORKING_DAY', '2026-03-03T11:30:00+07:00'],
    ['a date alone is local midnight', '2026-03-02', 1, 'WORKING_DAY', '2026-03-02T17:00:00+07:00'],
    ['across Tết 2027', '2027-02-04T09:00:00+07:00', 3, 'WORKING_DAY', '2027-02-16T09:00:00+07:00'],
    ['working hours across lunch', '2026-03-02T11:00:00+07:00', 1, 'WORKING_HOUR', '2026-03-02T14:00:00+07:00'],
    ['calendar days ending on Saturday', '2026-03-02T09:00:00+07:00', 5, 'CALENDAR_DAY', '2026-03-09T09:00:00+07:00'],
    ['half a working day (4 hours)', '2026-03-02T07:00:00+07:00', 0.5, 'WORKING_DAY', '2026-03-02T11:00:00+07:00'],
  ])('%s', async (_name, from, amount, unit, expected) => {
    expect(await dueAt(from, amount, unit)).toBe(expected);
  });

  it.each([
    ['no parameters', '', ['query.from', 'query.amount', 'query.unit']],
    ['a date that does not exist', 'from=2026-02-30&amount=1&unit=WORKING_DAY', ['query.from']],
    ['a time out of range', 'from=2026-03-02T25:00&amount=1&unit=WORKING_DAY', ['query.from']],
    ['a negative amount', 'from=2026-03-02&amount=-1&unit=WORKING_DAY', ['query.amount']],
    ['an unknown unit', 'from=2026-03-02&amount=1&unit=WEEK', ['query.unit']],
  ])('answers 400 naming each bad field: %s', async (_name, query, paths) => {
    const res = await due(query);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { code: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe('request.invalid');
    expect(body.errors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const e of body.errors) expect(e.message).not.toBe('');
  });
});

describe('GET /api/v1/calendar/years/{year}', () => {
  it('lists the holidays with compensatory days, working hours and the working-day count', async () => {
    const y = await year(2026);
    expect(y.workingDays).toBe(250);
    expect(y.hoursPerWorkingDay).toBe(8);
    expect(y.workingHours).toEqual([{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }]);
    expect(y.holidays.filter((h) => h.kind === 'TET').map((h) => h.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(y.holidays.find((h) => h.kind === 'COMPENSATORY')).toMatchObject({ date: '2026-04-27', working: false });
    expect(y.overrides).toEqual([]);
  });

  it('refuses a year out of range', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/years/1800' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.year');
  });
});

describe('administrator overrides', () => {
  it('a make-up Saturday becomes a working day for deadlines and the year, and is audited', async () => {
    expect(await dueAt('2026-05-08T09:00:00+07:00', 1, 'WORKING_DAY')).toBe('2026-05-11T09:00:00+07:00');
    const res = await setDay('2026-05-09', { kind: 'WORKING', note: '  Làm bù cho ngày nghỉ hoán đổi  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-05-09', kind: 'WORKING', note: 'Làm bù cho ngày nghỉ hoán đổi' });
    expect(await dueAt('2026-05-08T09:00:00+07:00', 1, 'WORKING_DAY')).toBe('2026-05-09T09:00:00+07:00');
    const y = await year(2026);
    expect(y.workingDays).toBe(251);
    expect(y.overrides).toEqual([expect.objectContaining({ date: '2026-05-09', kind: 'WORKING' })]);
    const audit = await ctx.database.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.action, 'CALENDAR_DAY_SET'), eq(auditEventsTable.subject, 'calendar_day:2026-05-09')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).not.toBeNull();
    expect(audit[0]!.details).toMatchObject({ kind: 'WORKING', previous: null });
  });

  it('an extra day off moves deadlines; changing it keeps the previous state in the audit; removing it restores the rules', async () => {
    expect((await setDay('2026-09-04', { kind: 'DAY_OFF', note: 'Nghỉ thêm' })).statusCode).toBe(200);
    expect(await dueAt('2026-09-01T09:00:00+07:00', 1, 'WORKING_DAY')).toBe('2026-09-07T09:00:00+07:00');
    expect((await setDay('2026-09-04', { kind: 'WORKING' })).json()).toMatchObject({ kind: 'WORKING', note: '' });
    const [changed] = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, 'calendar_day:2026-09-04')).orderBy(auditEventsTable.at).offset(1);
    expect(changed!.details).toMatchObject({ kind: 'WORKING', previous: { kind: 'DAY_OFF', note: 'Nghỉ thêm' } });
    // A WORKING override on a computed holiday (the adjacent day of 2/9) makes it a working day.
    expect((await setDay('2026-09-03', { kind: 'WORKING', note: 'Quyết định chọn ngày 01/9' })).statusCode).toBe(200);
    expect((await setDay('2026-09-01', { kind: 'DAY_OFF', note: 'Quốc khánh (ngày liền kề)' })).statusCode).toBe(200);
    expect((await year(2026)).holidays.find((h) => h.date === '2026-09-03')).toMatchObject({ working: true });
    expect(await dueAt('2026-08-31T09:00:00+07:00', 1, 'WORKING_DAY')).toBe('2026-09-03T09:00:00+07:00');

    for (const date of ['2026-09-01', '2026-09-03', '2026-09-04']) expect((await clearDay(date)).statusCode).toBe(204);
    expect(await dueAt('2026-09-01T09:00:00+07:00', 1, 'WORKING_DAY')).toBe('2026-09-04T09:00:00+07:00');
    const cleared = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.action, 'CALENDAR_DAY_CLEARED'));
    expect(cleared.map((c) => c.subject).sort()).toEqual(['calendar_day:2026-09-01', 'calendar_day:2026-09-03', 'calendar_day:2026-09-04']);
  });

  it('answers 404 when there is no override to remove', async () => {
    const res = await clearDay('2026-10-10');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'calendar.day_not_found' });
  });

  it.each([
    ['a date that does not exist', '2026-02-30', { kind: 'WORKING' }, 'params.date'],
    ['a year out of range', '1999-12-31', { kind: 'WORKING' }, 'params.date'],
    ['an unknown kind', '2026-05-16', { kind: 'HOLIDAY' }, 'body.kind'],
    ['a note too long', '2026-05-16', { kind: 'WORKING', note: 'x'.repeat(301) }, 'body.note'],
  ])('refuses %s with 400', async (_name, date, body, path) => {
    const res = await setDay(date, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is for administrators only', async () => {
    expect((await ctx.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/days/2026-05-16', payload: { kind: 'WORKING' } })).statusCode).toBe(401);
    const official = await headersOf('officer@demo.opendvc.vn');
    expect((await setDay('2026-05-16', { kind: 'WORKING' }, official)).statusCode).toBe(403);
    expect((await clearDay('2026-05-09', official)).statusCode).toBe(403);
    expect((await year(2026)).overrides.map((o) => o.date)).toEqual(['2026-05-09']);
  });
});

describe('configured working hours', () => {
  it('counts a working day as the configured sessions', async () => {
    const other = await createTestApp({ CALENDAR_WORKING_HOURS: '08:00-12:00,13:30-17:00' });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/api/v1/calendar/due-date?from=2026-03-02T07:30:00%2B07:00&amount=1&unit=WORKING_DAY' });
      expect(res.json()).toEqual({ dueAt: '2026-03-02T17:00:00+07:00' });
      const y = (await other.app.inject({ method: 'GET', url: '/api/v1/calendar/years/2026' })).json();
      expect(y.hoursPerWorkingDay).toBe(7.5);
    } finally {
      await other.close();
    }
  });

  it('refuses malformed working hours at start', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', CALENDAR_WORKING_HOURS: '13:30-17:00,07:00-11:30' })).toThrow(ConfigError);
  });
});
