/**
 * The back office over HTTP: after reception a dossier runs through the default one-stop workflow
 * (officer → specialist → unit head → leader → records clerk → return). Inboxes, claim and assign,
 * actions only for who may take them, supplements that stop the clock, apology letters only before
 * the deadline, stop with a reason — each refused with problem+json when it must be.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { notificationsTable } from '../../notifications/notifications.tables.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { proceduresTable } from '../../catalog/index.js';
import { inboxPageSchema } from '../dossiers.processing.schemas.js';
import { dossiersTable } from '../dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, otherUnitOfficer, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let head: Caller;
let leader: Caller;
let foreignOfficer: Caller;
let mandatoryComponentId: string;
let clerk: Caller;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  head = await callerFor(ctx, await userIdByEmail(ctx, 'head@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  clerk = await callerFor(ctx, await userIdByEmail(ctx, 'clerk@demo.opendvc.vn'));
  foreignOfficer = await callerFor(ctx, await otherUnitOfficer(ctx));
  const probe = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  mandatoryComponentId = probe.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  expect((await citizen.delete(`/dossiers/${probe.id}`)).statusCode).toBe(204);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A dossier filed online by the demo citizen and received by the demo officer. */
async function receivedDossier() {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  expect((await citizen.upload(draft.id, mandatoryComponentId)).statusCode).toBe(201);
  expect((await citizen.post(`/dossiers/${draft.id}/submit`)).statusCode).toBe(200);
  const received = await officer.post(`/dossiers/${draft.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return received.json() as { id: string; code: string };
}

const actionNames = async (caller: Caller, id: string) => {
  const res = await caller.get(`/dossiers/${id}/actions`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((a: { action: string }) => a.action) as string[];
};

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}, status = 200) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

describe('starting the workflow', () => {
  it('puts a received dossier on the first step, assigned to the receiving officer, with step and overall due dates', async () => {
    const d = await receivedDossier();
    const row = await getRow(ctx, d.id);
    expect(row).toMatchObject({ workflowCode: 'MOT_CUA_MAC_DINH', stepId: 'tiep_nhan', workflowStatus: 'ACTIVE', currentRole: 'ONE_STOP_OFFICER', assigneeUserId: officer.userId });
    expect(row.stepDueAt!.getTime()).toBeGreaterThan(row.receivedAt!.getTime());
    expect(row.dueAt!.getTime()).toBeGreaterThanOrEqual(row.stepDueAt!.getTime());
    expect(await actionNames(officer, d.id)).toEqual(['chuyen_tham_dinh', 'yeu_cau_bo_sung', 'dung_xu_ly', 'apologise']);
    expect(await actionNames(specialist, d.id)).toEqual([]);
    expect(await actionNames(citizen, d.id)).toEqual([]);
    expect((await foreignOfficer.get(`/dossiers/${d.id}/actions`)).statusCode).toBe(404);
    // Reads of the dossier are audited, each by who read it; a refused read is not a read.
    expect((await specialist.get(`/dossiers/${d.id}`)).statusCode).toBe(200);
    const reads = await ctx.database.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.subject, `dossier:${d.id}`), eq(auditEventsTable.action, 'DOSSIER_READ')));
    expect(reads.map((r) => r.actorUserId)).toEqual(expect.arrayContaining([officer.userId, specialist.userId, citizen.userId]));
    expect(reads.map((r) => r.actorUserId)).not.toContain(foreignOfficer.userId);
    expect(reads.filter((r) => r.actorUserId === specialist.userId).map((r) => (r.details as { route: string }).route)).toEqual(expect.arrayContaining(['/api/v1/dossiers/:dossierId', '/api/v1/dossiers/:dossierId/actions']));
  });
});

describe('moving through the default workflow', () => {
  it('forwards to a chosen specialist, who is told; the unit head may reassign; only the assignee acts', async () => {
    const d = await receivedDossier();
    const view = (await officer.get(`/dossiers/${d.id}/processing`)).json();
    expect(view.candidates.chuyen_tham_dinh.map((o: { id: string }) => o.id)).toContain(specialist.userId);
    const moved = await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId, comment: 'Hồ sơ đầy đủ' });
    expect(moved).toMatchObject({ status: 'IN_PROGRESS', nationalStatus: 4 });
    const row = await getRow(ctx, d.id);
    expect(row).toMatchObject({ stepId: 'tham_dinh', currentRole: 'SPECIALIST', assigneeUserId: specialist.userId });
    // Notifications are a consumer of the dossier event stream.
    await ctx.app.eventConsumers.drain();
    const told = await ctx.database.db.select().from(notificationsTable).where(and(eq(notificationsTable.userId, specialist.userId), eq(notificationsTable.dossierId, d.id)));
    expect(told.map((n) => n.kind)).toEqual(['dossier.assigned']);
    expect(await actionNames(specialist, d.id)).toEqual(['trinh_lanh_dao_phong', 'yeu_cau_bo_sung', 'tra_mot_cua', 'apologise']);
    expect(await actionNames(officer, d.id)).toEqual([]);
    expect(await actionNames(head, d.id)).toEqual(['assign', 'apologise']);
    // The officer may no longer act: the step moved on.
    const refused = await act(officer, d.id, 'chuyen_tham_dinh', {}, 409);
    expect(refused.code).toBe('dossiers.action_not_available');
    // An assignee must hold the step's role.
    expect((await act(head, d.id, 'assign', { assigneeId: leader.userId }, 422)).code).toBe('dossiers.assignee_not_eligible');
    expect((await act(head, d.id, 'assign', {}, 422)).errors[0].path).toBe('body.assigneeId');
    await act(head, d.id, 'assign', { assigneeId: specialist.userId, comment: 'Giao lại' });
    const audit = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `dossier:${d.id}`));
    expect(audit.map((a) => a.action)).toContain('DOSSIER_ACTION');
  });

  it('leaves a step unassigned when no one is chosen; a holder of the role claims it', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh');
    expect((await getRow(ctx, d.id)).assigneeUserId).toBeNull();
    expect(await actionNames(specialist, d.id)).toEqual(['claim', 'trinh_lanh_dao_phong', 'yeu_cau_bo_sung', 'tra_mot_cua']);
    await act(specialist, d.id, 'claim');
    expect((await getRow(ctx, d.id)).assigneeUserId).toBe(specialist.userId);
    expect(await actionNames(specialist, d.id)).not.toContain('claim');
  });

  it('sends back with a reason to whoever last handled that step', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    expect((await act(specialist, d.id, 'tra_mot_cua', {}, 422)).errors[0].path).toBe('body.comment');
    await act(specialist, d.id, 'tra_mot_cua', { comment: 'Cần xác minh lại bản chính' });
    expect(await getRow(ctx, d.id)).toMatchObject({ stepId: 'tiep_nhan', assigneeUserId: officer.userId, status: 'IN_PROGRESS' });
  });

  it('takes a dossier from the specialist\'s draft through the leader\'s signature and the clerk\'s number to a returned, rated result', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    const template = (await specialist.get(`/dossiers/${d.id}/result-draft`)).json();
    expect(template).toMatchObject({ saved: false, documentId: null });
    expect(template.body).toContain('Nguyễn Văn An');
    const draft = { title: template.title, summary: template.summary, body: `${template.body}\nThời hạn: 05 năm.` };
    expect((await head.raw('PUT' as never, `/dossiers/${d.id}/result-draft`, draft)).statusCode).toBe(409);
    expect((await specialist.raw('PUT' as never, `/dossiers/${d.id}/result-draft`, { ...draft, title: 'X' })).statusCode).toBe(400);
    await act(specialist, d.id, 'trinh_lanh_dao_phong', { assigneeId: head.userId });
    await act(head, d.id, 'trinh_ky', { assigneeId: leader.userId });
    expect(await actionNames(leader, d.id)).toEqual(['ky_duyet', 'tra_xem_xet', 'dung_xu_ly', 'assign', 'apologise']);
    const noDraft = await act(leader, d.id, 'ky_duyet', {}, 409);
    expect(noDraft.code).toBe('dossiers.result_not_ready');
    expect((await getRow(ctx, d.id)).stepId).toBe('phe_duyet');
    // Sent back to the unit head, then the specialist drafts and it comes up again.
    await act(leader, d.id, 'tra_xem_xet', { comment: 'Chưa có dự thảo' });
    await act(head, d.id, 'tra_tham_dinh', { comment: 'Soạn dự thảo kết quả' });
    expect((await getRow(ctx, d.id)).assigneeUserId).toBe(specialist.userId);
    const saved = await specialist.raw('PUT' as never, `/dossiers/${d.id}/result-draft`, draft);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, status: 'DRAFT', title: template.title });
    await act(specialist, d.id, 'trinh_lanh_dao_phong', { assigneeId: head.userId });
    await act(head, d.id, 'trinh_ky', { assigneeId: leader.userId });
    const signed = await leader.post(`/dossiers/${d.id}/actions/ky_duyet`, {});
    expect(signed.statusCode, signed.body).toBe(200);
    const afterSign = (await leader.get(`/dossiers/${d.id}/processing`)).json();
    const result = afterSign.documents.find((doc: { kind: string }) => doc.kind === 'RESULT');
    expect(result).toMatchObject({ status: 'SIGNED', number: null, signer: { commonName: 'Đặng Văn Hùng' } });
    expect(await actionNames(clerk, d.id)).toEqual(['claim', 'chuyen_tra_ket_qua']);
    expect(await act(clerk, d.id, 'chuyen_tra_ket_qua')).toMatchObject({ status: 'RESULT_READY', nationalStatus: 9 });
    const issued = (await clerk.get(`/dossiers/${d.id}/processing`)).json().documents.find((doc: { kind: string }) => doc.kind === 'RESULT');
    expect(issued.status).toBe('ISSUED');
    expect(issued.number).toMatch(/^\d+\/\d{4}\/KQ-G99$/);
    const signedPdf = await clerk.get(`/dossiers/${d.id}/result.pdf`);
    expect(signedPdf.statusCode).toBe(200);
    const file = path.join(dataDir, `${d.id}.pdf`);
    fs.writeFileSync(file, signedPdf.rawPayload);
    const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(report.match(/Signature is Valid/g)).toHaveLength(2);
    expect(createHash('sha256').update(signedPdf.rawPayload).digest('hex')).toBe(issued.sha256);
    // This case returns results at the counter: no download before the hand-over.
    expect((await citizen.get(`/dossiers/${d.id}/result.pdf`)).statusCode).toBe(404);
    expect((await act(officer, d.id, 'tra_ket_qua', {}, 422)).errors[0].path).toBe('body.collectedBy.fullName');
    const returned = await act(officer, d.id, 'tra_ket_qua', { collectedBy: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345' } });
    expect(returned).toMatchObject({ status: 'RESULT_RETURNED', nationalStatus: 10, returnMethod: 'COUNTER', result: { number: issued.number, downloadable: true } });
    expect((await citizen.get(`/dossiers/${d.id}/result.pdf`)).rawPayload.equals(signedPdf.rawPayload)).toBe(true);
    expect((await citizen.post(`/dossiers/${d.id}/rating`, { score: 6 })).statusCode).toBe(400);
    expect((await citizen.post(`/dossiers/${d.id}/rating`, { score: 5, comment: 'Nhanh, đúng hẹn' })).json().rating).toMatchObject({ score: 5 });
    expect((await citizen.post(`/dossiers/${d.id}/rating`, { score: 4 })).json().code).toBe('dossiers.not_ratable');
    const sheet = await officer.get(`/dossiers/${d.id}/control-sheet.pdf`);
    expect(sheet.statusCode).toBe(200);
    expect((await citizen.get(`/dossiers/${d.id}/control-sheet.pdf`)).statusCode).toBe(403);
    // Notifications are a consumer of the dossier event stream.
    await ctx.app.eventConsumers.drain();
    const mails = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.recipient, 'citizen@demo.opendvc.vn'));
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([`Hồ sơ ${d.code} đã có kết quả`, `Hồ sơ ${d.code} đã trả kết quả`]));
  });
});

describe('supplements during processing', () => {
  it('stops the clock while the applicant supplements and moves every deadline by the pause on resubmission', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    expect((await act(specialist, d.id, 'yeu_cau_bo_sung', {}, 422)).errors[0].path).toBe('body.supplement');
    const asked = await act(specialist, d.id, 'yeu_cau_bo_sung', { supplement: { components: [mandatoryComponentId], fields: [], reason: 'Bản scan mờ, cần bản rõ hơn' } });
    expect(asked).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', nationalStatus: 5 });
    const waiting = await getRow(ctx, d.id);
    expect(waiting).toMatchObject({ workflowStatus: 'AWAITING_APPLICANT', stepId: 'tham_dinh' });
    expect(waiting.clockStoppedAt).not.toBeNull();
    expect(await actionNames(specialist, d.id)).toEqual(['apologise']);
    // Pretend the applicant took two weeks: the clock stopped 14 days earlier. (Two days were
    // not enough on every day the suite runs: from a Friday after office hours to the Sunday no
    // working time passes, and the deadlines rightly stay where they were.)
    const stoppedAt = new Date(waiting.clockStoppedAt!.getTime() - 14 * 24 * 3600 * 1000);
    await ctx.database.db.update(dossiersTable).set({ clockStoppedAt: stoppedAt }).where(eq(dossiersTable.id, d.id));
    expect((await citizen.upload(d.id, mandatoryComponentId)).statusCode).toBe(201);
    const back = await citizen.post(`/dossiers/${d.id}/resubmit`, {});
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'IN_PROGRESS' });
    const resumed = await getRow(ctx, d.id);
    expect(resumed).toMatchObject({ workflowStatus: 'ACTIVE', stepId: 'tham_dinh', assigneeUserId: specialist.userId, clockStoppedAt: null });
    expect(resumed.dueAt!.getTime()).toBeGreaterThan(waiting.dueAt!.getTime());
    expect(resumed.stepDueAt!.getTime()).toBeGreaterThan(waiting.stepDueAt!.getTime());
    expect(await actionNames(specialist, d.id)).toContain('trinh_lanh_dao_phong');
  });
});

describe('apology letters and stopping', () => {
  it('issues an apology before the deadline: the appointment moves, the statutory due date does not', async () => {
    const d = await receivedDossier();
    const before = await getRow(ctx, d.id);
    const newAt = new Date(before.appointmentAt!.getTime() + 5 * 24 * 3600 * 1000).toISOString();
    expect((await act(officer, d.id, 'apologise', { newAppointmentAt: newAt }, 422)).errors[0].path).toBe('body.comment');
    const view = await act(officer, d.id, 'apologise', { comment: 'Cần lấy ý kiến cơ quan liên quan', newAppointmentAt: newAt });
    expect(view.apologies).toHaveLength(1);
    const after = await getRow(ctx, d.id);
    expect(after.appointmentAt!.toISOString()).toBe(newAt);
    expect(after.dueAt!.getTime()).toBe(before.dueAt!.getTime());
    const pdf = await citizen.get(`/dossiers/${d.id}/documents/${view.apologies[0].documentId}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('refuses an apology once the deadline has passed', async () => {
    const d = await receivedDossier();
    await ctx.database.db.update(dossiersTable).set({ dueAt: new Date(Date.now() - 2 * 864e5) }).where(eq(dossiersTable.id, d.id));
    expect(await actionNames(officer, d.id)).not.toContain('apologise');
    const refused = await act(officer, d.id, 'apologise', { comment: 'Quá hạn', newAppointmentAt: new Date(Date.now() + 864e5).toISOString() }, 409);
    expect(refused.code).toBe('dossiers.deadline_passed');
  });

  it('stops processing with a reason; nothing can be taken afterwards', async () => {
    const d = await receivedDossier();
    expect((await act(officer, d.id, 'dung_xu_ly', {}, 422)).errors[0].path).toBe('body.comment');
    expect(await act(officer, d.id, 'dung_xu_ly', { comment: 'Người nộp đề nghị dừng' })).toMatchObject({ status: 'STOPPED', nationalStatus: 8 });
    expect(await actionNames(officer, d.id)).toEqual([]);
    expect((await getRow(ctx, d.id)).currentRole).toBeNull();
  });
});

describe('inboxes', () => {
  it('lists what waits on my roles, soonest due first, with filters and server-side pages', async () => {
    const a = await receivedDossier();
    const b = await receivedDossier();
    await act(officer, a.id, 'chuyen_tham_dinh');
    await act(officer, b.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    await ctx.database.db.update(dossiersTable).set({ dueAt: new Date(Date.now() - 2 * 864e5) }).where(eq(dossiersTable.id, b.id));
    const unit = (await specialist.get('/inbox?pageSize=100')).json();
    const ids = unit.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const dues = unit.items.map((i: { dueAt: string }) => i.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect(unit.items.find((i: { id: string }) => i.id === b.id)).toMatchObject({ deadlineState: 'OVERDUE', stepName: 'Chuyên viên thẩm định', assignee: { id: specialist.userId } });
    const overdue = (await specialist.get('/inbox?deadline=overdue')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(b.id);
    expect(overdue.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const mine = (await specialist.get('/inbox?scope=mine')).json();
    expect(mine.items.every((i: { assignee: { id: string } | null }) => i.assignee?.id === specialist.userId)).toBe(true);
    const unassigned = (await specialist.get('/inbox?assigned=unassigned')).json();
    expect(unassigned.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const paged = (await specialist.get('/inbox?pageSize=1&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: unit.total });
    expect(paged.items).toHaveLength(1);
    expect((await officer.get('/inbox?role=SPECIALIST')).json().items).toEqual([]);
    // Procedure and field filters (no join: the procedures' ids are read once), each shape asked
    // twice with other values: the statement prepared for a shape serves its other values.
    const [{ fieldCode } = { fieldCode: '' }] = await ctx.database.db.select({ fieldCode: proceduresTable.fieldCode }).from(proceduresTable).where(eq(proceduresTable.code, PROCEDURE));
    const idsOf = async (query: string) => ((await specialist.get(`/inbox?${query}`)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await idsOf(`procedureCode=${PROCEDURE}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await idsOf('procedureCode=0.000000')).toEqual([]);
    expect(await idsOf(`fieldCode=${fieldCode}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await idsOf('fieldCode=KHONG_CO')).toEqual([]);
    expect(await idsOf(`fieldCode=${fieldCode}&deadline=overdue`)).toEqual([b.id]);
    expect(await idsOf(`fieldCode=${fieldCode}&pageSize=1&page=2`)).toHaveLength(1);
    // Other shapes, each prepared once and then run with its own values: statuses, a role in `mine`,
    // the deadline windows on both sides.
    expect(await idsOf('status=IN_PROGRESS&status=SUPPLEMENT_REQUESTED&pageSize=100')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await idsOf('status=RESULT_RETURNED')).toEqual([]);
    expect(await idsOf('scope=mine&role=SPECIALIST')).toContain(b.id);
    expect(await idsOf('scope=mine&role=LEADER')).toEqual([]);
    const [dueSoon, onTrack] = [await idsOf('deadline=due_soon&pageSize=100'), await idsOf('deadline=on_track&pageSize=100')];
    expect([dueSoon.includes(a.id), onTrack.includes(a.id)].filter(Boolean)).toHaveLength(1);
    expect([...dueSoon, ...onTrack]).not.toContain(b.id);
    // The page is written without passing through its schema: it must still be exactly the contract.
    for (const page of [unit, overdue, mine, unassigned, paged]) expect(inboxPageSchema.parse(page)).toEqual(page);
    expect((await specialist.get('/inbox?deadline=tomorrow')).statusCode).toBe(400);
    expect((await citizen.get('/inbox')).statusCode).toBe(403);
  });
});
