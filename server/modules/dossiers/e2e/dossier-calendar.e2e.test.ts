/**
 * Appointments and supplement due dates on the real working calendar, over HTTP: Tết, a
 * reception after closing, and an administrator's override read in the same transaction.
 * The clock is set with fake `Date` only (timers stay real).
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createCalendarRepository } from '../../calendar/calendar.repository.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizenId: string;
let officerId: string;

/** An instant given as Viet Nam local time. */
const vn = (local: string) => new Date(`${local}+07:00`);

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizenId = await userIdByEmail(ctx, 'citizen@demo.opendvc.vn');
  officerId = await userIdByEmail(ctx, 'officer@demo.opendvc.vn');
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sets the clock (Viet Nam local time) and returns fresh sessions, started at that time. */
async function at(local: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(vn(local));
  return { citizen: await callerFor(ctx, citizenId), officer: await callerFor(ctx, officerId) };
}

/** A complete draft (answers and the mandatory file), ready to submit. */
async function readyDraft(citizen: Caller) {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  const mandatory = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
  const upload = await citizen.upload(draft.id, mandatory.id);
  expect(upload.statusCode, upload.body).toBe(201);
  return draft;
}

async function submitted(citizen: Caller) {
  const draft = await readyDraft(citizen);
  const res = await citizen.post(`/dossiers/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('appointments on the working calendar (case TH2: 2 + 10 working days)', () => {
  it('a dossier submitted the day before Tết 2027 gets its appointment after the holiday (1/3, not 22/2)', async () => {
    const { citizen } = await at('2027-02-04T10:00:00');
    const d = await submitted(citizen);
    // Days off 5–11/2/2027 (Tết on a weekend gives two compensatory days): 5 h on 4/2, then 11 days + 3 h.
    expect(d.appointmentAt).toBe(vn('2027-03-01T10:00:00').toISOString());
    const row = await getRow(ctx, d.id);
    expect(row.dueAt?.toISOString()).toBe(vn('2027-03-01T10:00:00').toISOString());
    // Notifications are a consumer of the dossier event stream.
    await ctx.app.eventConsumers.drain();
    const [mail] = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.messageId, `dossier-submitted-${d.id}`));
    expect(mail).toBeDefined();
  });

  it('a dossier received after closing counts from the next working day; an override added by an administrator moves the next one', async () => {
    const before = await at('2026-12-01T09:00:00');
    const first = await submitted(before.citizen);
    const second = await submitted(before.citizen);

    const evening = await at('2026-12-02T18:00:00');
    const received = await evening.officer.post(`/dossiers/${first.id}/receive`);
    expect(received.statusCode, received.body).toBe(200);
    // Counting starts Thursday 3/12 at 07:00; 12 working days run out at Friday 18/12's closing.
    expect(received.json().appointmentAt).toBe(vn('2026-12-18T17:00:00').toISOString());
    expect((await getRow(ctx, first.id)).dueAt?.toISOString()).toBe(vn('2026-12-18T17:00:00').toISOString());

    await createCalendarRepository({ db: ctx.database.db }).upsert({ date: '2026-12-18', kind: 'DAY_OFF', note: 'Nghỉ hoán đổi (thử nghiệm)', updatedByUserId: null });
    try {
      const next = await evening.officer.post(`/dossiers/${second.id}/receive`);
      expect(next.statusCode, next.body).toBe(200);
      expect(next.json().appointmentAt).toBe(vn('2026-12-21T17:00:00').toISOString());
    } finally {
      await createCalendarRepository({ db: ctx.database.db }).remove('2026-12-18');
    }
  });

  it('a supplement due in working days skips Tết', async () => {
    const { citizen, officer } = await at('2027-02-04T10:00:00');
    const d = await submitted(citizen);
    const res = await officer.post(`/dossiers/${d.id}/request-supplement`, { components: [], fields: ['purpose'], reason: 'Nêu rõ mục đích sử dụng dữ liệu', dueInDays: 2 });
    expect(res.statusCode, res.body).toBe(200);
    // 5 h on 4/2, 8 h on 12/2, the last 3 h on Monday 15/2.
    expect(res.json().supplementRequest.dueAt).toBe(vn('2027-02-15T10:00:00').toISOString());
  });
});
