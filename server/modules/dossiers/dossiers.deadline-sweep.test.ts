import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { JOBS_SCHEMA } from '../../platform/jobs/job-queue.js';
import { mailDeliveriesTable } from '../../platform/mail/mail-deliveries.tables.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { procedureCasesTable, proceduresTable, procedureVersionsTable } from '../catalog/catalog.tables.js';
import { createOfficial } from '../identity/identity.admin.usecases.js';
import { createIdentityRepository } from '../identity/identity.repository.js';
import { DEMO_UNIT_CODE } from '../identity/identity.seed.js';
import { notificationsTable } from '../notifications/notifications.tables.js';
import { formatVnDateTime, formatWorkingDuration, runDeadlineSweepCommand, sweepDeadlines } from './dossiers.deadline-sweep.js';
import { dossiersTable } from './dossiers.tables.js';
import { CASE, PROCEDURE, userIdByEmail } from './e2e/dossiers.fixtures.js';

let ctx: TestContext;
let unitId: string;
let kase: { procedureId: string; versionId: string; caseId: string; procedureName: string };
let citizen: string;
let specialist: string;
let specialist2: string;
let head: string;
const created: string[] = [];

/** An instant in Viet Nam time. */
const vn = (local: string) => new Date(`${local}+07:00`);

beforeAll(async () => {
  ctx = await createTestApp({ PUBLIC_URL: 'https://dichvucong.example.gov.vn', DEADLINE_WARNING_WORKING_HOURS: '8' });
  const db = ctx.database.db;
  unitId = (await createIdentityRepository({ db }).getAgencyByCode(DEMO_UNIT_CODE))!.id;
  const [row] = await db.select({ procedureId: proceduresTable.id, versionId: procedureVersionsTable.id, caseId: procedureCasesTable.id, procedureName: proceduresTable.name })
    .from(procedureCasesTable)
    .innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId))
    .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
    .where(and(eq(proceduresTable.code, PROCEDURE), eq(procedureCasesTable.code, CASE)));
  kase = row!;
  citizen = await userIdByEmail(ctx, 'citizen@demo.opendvc.vn');
  specialist = await userIdByEmail(ctx, 'specialist@demo.opendvc.vn');
  head = await userIdByEmail(ctx, 'head@demo.opendvc.vn');
  specialist2 = (await createOfficial({ db, config: ctx.config, input: { email: 'specialist2@demo.opendvc.vn', password: 'Specialist-2026!', unitCode: DEMO_UNIT_CODE, role: 'SPECIALIST' } })).user.id;
});
afterAll(async () => ctx?.close());
afterEach(async () => {
  // Each test sweeps only its own dossiers.
  if (created.length) await ctx.database.db.delete(dossiersTable).where(inArray(dossiersTable.id, created.splice(0)));
});

let counter = 0;
/** A dossier in processing at the specialist's step of the default workflow, written directly. */
async function dossier(overrides: Partial<typeof dossiersTable.$inferInsert> = {}) {
  const id = createId('dos');
  const code = `${DEMO_UNIT_CODE}-260302-${String(++counter).padStart(4, '0')}`;
  await ctx.database.db.insert(dossiersTable).values({
    id, code, procedureId: kase.procedureId, versionId: kase.versionId, caseId: kase.caseId, applicantUserId: citizen,
    applicant: { fullName: 'Nguyễn Văn An', email: 'citizen@demo.opendvc.vn' }, channel: 'ONLINE', status: 'IN_PROGRESS', receivingUnitId: unitId,
    submittedAt: vn('2026-02-25T08:00'), receivedAt: vn('2026-02-25T09:00'), dueAt: vn('2026-03-20T17:00'),
    processingUnitId: unitId, workflowCode: 'MOT_CUA_MAC_DINH', stepId: 'tham_dinh', workflowStatus: 'ACTIVE',
    currentUnitId: unitId, currentRole: 'SPECIALIST', stepStartedAt: vn('2026-02-26T08:00'), stepDueAt: vn('2026-03-02T15:00'),
    ...overrides,
  });
  created.push(id);
  return { id, code };
}

const notificationsOf = (dossierId: string) => ctx.database.db.select().from(notificationsTable).where(eq(notificationsTable.dossierId, dossierId));
const recipients = async (dossierId: string, kind?: string) => (await notificationsOf(dossierId)).filter((n) => !kind || n.kind === kind).map((n) => n.userId).sort();
const row = async (id: string) => (await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, id)))[0]!;
const mailCount = async () => (await queryRows<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM mail_deliveries`))[0]!.n;
const sweep = (now: Date, batchSize?: number) => sweepDeadlines({ db: ctx.database.db, config: ctx.config, now, batchSize });

describe('formatting', () => {
  it('writes instants in Viet Nam time and working durations in hours and minutes', () => {
    expect(formatVnDateTime(vn('2026-03-02T15:00'))).toBe('02/03/2026 15:00');
    expect(formatVnDateTime(new Date('2026-12-31T17:05:00Z'))).toBe('01/01/2027 00:05');
    expect(formatWorkingDuration(270)).toBe('4 giờ 30 phút');
    expect(formatWorkingDuration(480)).toBe('8 giờ');
    expect(formatWorkingDuration(45)).toBe('45 phút');
  });
});

describe('deadline sweep: steps', () => {
  it('warns the role\'s holders and the unit heads within 8 working hours, the assignee alone when assigned, overdue as overdue; once', async () => {
    const now = vn('2026-03-02T09:00'); // a Monday
    const soon = await dossier(); // step due today 15:00: 4 working hours left
    const later = await dossier({ stepDueAt: vn('2026-03-04T09:00') }); // 16 working hours left
    const late = await dossier({ assigneeUserId: specialist, stepDueAt: vn('2026-02-27T10:00') });

    expect(await sweep(now)).toEqual({ stepWarnings: 2, dossierWarnings: 0, notifications: 5 });

    expect(await recipients(soon.id)).toEqual([head, specialist, specialist2].sort());
    const [n] = (await notificationsOf(soon.id)).filter((x) => x.userId === specialist);
    expect(n).toMatchObject({
      kind: 'deadline.step_approaching',
      title: `Hồ sơ ${soon.code} sắp đến hạn bước Chuyên viên thẩm định`,
      body: `Bước “Chuyên viên thẩm định” của hồ sơ ${soon.code} (${kase.procedureName}) phải hoàn thành trước 02/03/2026 15:00; còn 4 giờ làm việc.`,
      link: `/can-bo/ho-so/${soon.id}`,
      readAt: null,
    });
    expect(await recipients(late.id)).toEqual([head, specialist].sort());
    expect((await notificationsOf(late.id))[0]).toMatchObject({ kind: 'deadline.step_overdue', title: `Hồ sơ ${late.code} đã quá hạn bước Chuyên viên thẩm định` });
    expect(await recipients(later.id)).toEqual([]);
    expect((await row(soon.id)).stepWarnedAt).toEqual(now);
    expect((await row(later.id)).stepWarnedAt).toBeNull();

    // The e-mail copy: subject = title, the link absolute under PUBLIC_URL, one message per recipient.
    const mails = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.subject, n!.title));
    expect(mails.map((m) => m.recipient).sort()).toEqual(['head@demo.opendvc.vn', 'specialist2@demo.opendvc.vn', 'specialist@demo.opendvc.vn']);
    const [job] = await queryRows<{ data: { message: { text: string } } }>(ctx.database.db, sql`SELECT data FROM ${sql.raw(JOBS_SCHEMA)}.job WHERE name = 'mail.send' AND data->>'messageId' = ${`${n!.dedupeKey}:${specialist}`}`);
    expect(job!.data.message.text).toBe(`${n!.body}\n\nhttps://dichvucong.example.gov.vn/can-bo/ho-so/${soon.id}`);

    // A second run, then and later, sends nothing again about the same steps.
    expect(await sweep(now)).toEqual({ stepWarnings: 0, dossierWarnings: 0, notifications: 0 });
    const mailsBefore = await mailCount();
    expect(await sweep(vn('2026-03-03T09:00'))).toEqual({ stepWarnings: 1, dossierWarnings: 0, notifications: 3 }); // `later` now has 8 h left
    expect(await recipients(later.id, 'deadline.step_approaching')).toEqual([head, specialist, specialist2].sort());
    expect(await recipients(soon.id)).toHaveLength(3);
    expect(await mailCount()).toBe(mailsBefore + 3);

    // The workflow moves `soon` to the head's step (and clears step_warned_at): a new warning.
    await ctx.database.db.update(dossiersTable).set({ stepId: 'xem_xet', currentRole: 'UNIT_HEAD', stepStartedAt: vn('2026-03-03T10:00'), stepDueAt: vn('2026-03-03T16:00'), stepWarnedAt: null }).where(eq(dossiersTable.id, soon.id));
    expect(await sweep(vn('2026-03-03T10:30'))).toMatchObject({ stepWarnings: 1, notifications: 1 });
    expect((await notificationsOf(soon.id)).filter((x) => x.title.endsWith('bước Lãnh đạo đơn vị xem xét')).map((x) => x.userId)).toEqual([head]);
  });

  it('counts working time, not calendar time: across the Tết break', async () => {
    const now = vn('2026-02-13T16:00'); // Friday before Tết (16–20/2) and two weekends
    const afterTet = await dossier({ stepStartedAt: vn('2026-02-12T08:00'), stepDueAt: vn('2026-02-23T10:00') }); // 1 h + 3 h
    const dayAfter = await dossier({ stepStartedAt: vn('2026-02-12T08:00'), stepDueAt: vn('2026-02-24T10:00') }); // 12 h
    expect(await sweep(now)).toMatchObject({ stepWarnings: 1 });
    expect((await notificationsOf(afterTet.id))[0]!.body).toContain('phải hoàn thành trước 23/02/2026 10:00; còn 4 giờ làm việc.');
    expect(await notificationsOf(dayAfter.id)).toEqual([]);
  });

  it('leaves steps that are not active alone', async () => {
    const waiting = await dossier({ workflowStatus: 'AWAITING_APPLICANT', stepDueAt: vn('2026-02-27T10:00') });
    const finished = await dossier({ workflowStatus: 'FINISHED', status: 'RESULT_READY', stepDueAt: vn('2026-02-27T10:00'), dueAt: vn('2026-02-27T10:00') });
    expect(await sweep(vn('2026-03-02T09:00'))).toEqual({ stepWarnings: 0, dossierWarnings: 0, notifications: 0 });
    expect(await notificationsOf(waiting.id)).toEqual([]);
    expect(await notificationsOf(finished.id)).toEqual([]);
  });

  it('works through batches, and two sweeps at once never warn twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await dossier({ assigneeUserId: specialist, stepDueAt: new Date(vn('2026-02-20T10:00').getTime() + i * 60_000) })).id);
    const [a, b] = await Promise.all([sweep(vn('2026-03-02T09:00'), 2), sweep(vn('2026-03-02T09:00'), 2)]);
    expect(a!.stepWarnings + b!.stepWarnings).toBe(7);
    for (const id of ids) expect(await recipients(id)).toEqual([head, specialist].sort());
    expect(await sweep(vn('2026-03-02T09:00'), 2)).toEqual({ stepWarnings: 0, dossierWarnings: 0, notifications: 0 });
  });
});

describe('deadline sweep: whole dossiers', () => {
  it('warns about the dossier\'s due date while processing or awaiting another agency, once', async () => {
    const now = vn('2026-03-02T09:00');
    const far = vn('2026-03-20T17:00');
    const agency = await dossier({ workflowStatus: 'AWAITING_AGENCY', coordinatingAgency: 'EXT.UBND_TINH', stepDueAt: far, dueAt: vn('2026-03-02T16:00') });
    const overdue = await dossier({ status: 'RECEIVED', stepId: 'tiep_nhan', currentRole: 'ONE_STOP_OFFICER', stepDueAt: far, dueAt: vn('2026-02-27T10:00') });
    const calm = await dossier({ stepDueAt: far, dueAt: vn('2026-03-05T10:00') });
    const resolved = await dossier({ workflowStatus: 'FINISHED', status: 'RESULT_READY', stepDueAt: far, dueAt: vn('2026-02-27T10:00'), resolvedAt: vn('2026-02-26T10:00') });

    const officer = await userIdByEmail(ctx, 'officer@demo.opendvc.vn');
    expect(await sweep(now)).toEqual({ stepWarnings: 0, dossierWarnings: 2, notifications: 5 });
    expect(await recipients(agency.id, 'deadline.dossier_approaching')).toEqual([head, specialist, specialist2].sort());
    expect((await notificationsOf(agency.id))[0]).toMatchObject({
      title: `Hồ sơ ${agency.code} sắp đến hạn trả kết quả`,
      body: `Hồ sơ ${agency.code} (${kase.procedureName}) phải có kết quả trước 02/03/2026 16:00; còn 5 giờ làm việc. Bước hiện tại: Chuyên viên thẩm định.`,
    });
    expect(await recipients(overdue.id, 'deadline.dossier_overdue')).toEqual([head, officer].sort());
    expect((await notificationsOf(overdue.id))[0]!.title).toBe(`Hồ sơ ${overdue.code} đã quá hạn giải quyết`);
    expect((await row(overdue.id)).dueWarnedAt).toEqual(now);
    expect((await row(overdue.id)).stepWarnedAt).toBeNull();
    expect(await notificationsOf(calm.id)).toEqual([]);
    expect(await notificationsOf(resolved.id)).toEqual([]);

    expect(await sweep(now)).toEqual({ stepWarnings: 0, dossierWarnings: 0, notifications: 0 });
  });

  it('the CLI command reports what it did', async () => {
    await dossier({ assigneeUserId: specialist, stepDueAt: vn('2026-02-27T10:00') });
    const lines: string[] = [];
    expect(await runDeadlineSweepCommand({ db: ctx.database.db, config: ctx.config, now: vn('2026-03-02T09:00'), out: (human) => void lines.push(human) })).toBe(0);
    expect(lines).toEqual(['Hạn xử lý: 1 bước và 0 hồ sơ được cảnh báo, 2 thông báo đã gửi / steps and dossiers warned, notifications sent']);
  });
});
