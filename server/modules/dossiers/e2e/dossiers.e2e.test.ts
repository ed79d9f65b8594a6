/**
 * The online dossier over HTTP: draft, autosave, submission (code, appointment, idempotency),
 * tracking, the one-stop desk (supplement, receive, refuse), withdrawal, counter intake, acting
 * for others, and the bad inputs — each refused with problem+json and nothing half-written.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { openPostgres } from '../../../platform/db/create-database.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { caseComponentsTable } from '../../catalog/catalog.tables.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { dossierCodeCountersTable, dossierEventsTable } from '../dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, otherUnitOfficer, rowCounts, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let otherApplicant: Caller;
let representative: Caller;
let business: Caller;
let officer: Caller;
let foreignOfficer: Caller;
let mandatoryComponent: { id: string; name: string };

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  representative = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
  otherApplicant = representative;
  business = await callerFor(ctx, await userIdByEmail(ctx, 'business@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  foreignOfficer = await callerFor(ctx, await otherUnitOfficer(ctx));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newDraft(caller: Caller = citizen, body: Record<string, unknown> = {}) {
  const res = await caller.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Uploads the sample PDF for a component through the attachments route. */
async function attachFile(dossierId: string, componentId: string, caller: Caller = citizen) {
  const res = await caller.upload(dossierId, componentId);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function submittedDossier(caller: Caller = citizen) {
  const draft = await newDraft(caller);
  expect((await caller.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  await attachFile(draft.id, mandatoryComponent.id);
  const res = await caller.post(`/dossiers/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('drafts', () => {
  it('starts a draft with the case form, components and answers prefilled from the profile', async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({ status: 'DRAFT', nationalStatus: null, code: null, channel: 'ONLINE', procedure: { code: PROCEDURE }, case: { code: CASE }, receivingUnit: { code: '000.00.01.G99' } });
    expect(draft.answers).toEqual({ fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345' });
    expect(draft.form.schema.properties.purpose.title).toBe('Mục đích đề nghị');
    expect(draft.components.length).toBeGreaterThan(0);
    for (const c of draft.components) expect(c).toMatchObject({ maxBytes: 10 * 1024 * 1024, allowedTypes: ['application/pdf', 'image/jpeg', 'image/png'], attachments: [] });
    const mandatory = draft.components.filter((c: { mandatory: boolean }) => c.mandatory);
    expect(mandatory).toHaveLength(1);
    mandatoryComponent = mandatory[0];
    expect(draft.problems.map((p: { path: string }) => p.path)).toContain('answers.purpose');
    expect(new Date(draft.draftExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
  });

  it('autosaves partial answers, lists the current problems and refuses a stale version', async () => {
    const draft = await newDraft();
    const saved = await citizen.patch(`/dossiers/${draft.id}`, { answers: { ...draft.answers, purpose: 'ngắn' } }, { 'if-match': `"${draft.version}"` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe(`"${draft.version + 1}"`);
    expect(saved.json().answers.purpose).toBe('ngắn');
    expect(saved.json().problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'answers.purpose' }), expect.objectContaining({ path: 'answers.address' })]));
    // The second device still holds the first version.
    const stale = await citizen.patch(`/dossiers/${draft.id}`, { answers: { purpose: 'từ thiết bị khác' } }, { 'if-match': `"${draft.version}"` });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().code).toBe('dossiers.version_mismatch');
    expect((await getRow(ctx, draft.id)).answers.purpose).toBe('ngắn');
  });

  it('lists my dossiers with a status filter and deletes a draft', async () => {
    const draft = await newDraft();
    const list = await citizen.get('/dossiers?status=DRAFT&pageSize=100');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((d: { id: string }) => d.id === draft.id)).toBe(true);
    expect(list.json().items.every((d: { status: string }) => d.status === 'DRAFT')).toBe(true);
    expect((await otherApplicant.get('/dossiers?pageSize=100')).json().items.some((d: { id: string }) => d.id === draft.id)).toBe(false);
    expect((await citizen.delete(`/dossiers/${draft.id}`)).statusCode).toBe(204);
    expect((await citizen.get(`/dossiers/${draft.id}`)).statusCode).toBe(404);
  });

  it('says on each draft of my dossiers how complete it is: required fields answered, mandatory documents missing', async () => {
    const draft = await newDraft();
    const completeness = async () => (await citizen.get('/dossiers?status=DRAFT&pageSize=100')).json().items.find((d: { id: string }) => d.id === draft.id)?.completeness;
    // Name and ID number come from the profile; purpose, street and province are still empty.
    expect(await completeness()).toEqual({ requiredFields: { filled: 2, total: 5 }, missingDocuments: 1 });
    expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: { ...goodAnswers, address: { street: 'Số 10 phố Tôn Thất Thuyết' } } })).statusCode).toBe(200);
    expect(await completeness()).toEqual({ requiredFields: { filled: 4, total: 5 }, missingDocuments: 1 });
    expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
    await attachFile(draft.id, draft.components.find((c: { mandatory: boolean }) => c.mandatory).id);
    expect(await completeness()).toEqual({ requiredFields: { filled: 5, total: 5 }, missingDocuments: 0 });
    // A submitted dossier has nothing left to complete. The declaration is made by pressing
    // "Nộp hồ sơ" under its text, and that text is kept with the submission.
    const declaration = 'Bằng việc bấm “Nộp hồ sơ”, tôi cam đoan các thông tin và giấy tờ trên là đúng sự thật.';
    expect((await citizen.post(`/dossiers/${draft.id}/submit`, { declaration })).statusCode).toBe(200);
    const [event] = await ctx.database.db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, draft.id), eq(dossierEventsTable.action, 'dossier.submitted')));
    expect(event?.payload).toMatchObject({ declaration });
    const submitted = (await citizen.get('/dossiers?pageSize=100')).json().items.find((d: { id: string }) => d.id === draft.id);
    expect(submitted.completeness).toBeNull();
  });

  it('hides a draft from another applicant and from officials (404, not 403)', async () => {
    const draft = await newDraft();
    for (const caller of [otherApplicant, officer, foreignOfficer]) {
      const res = await caller.get(`/dossiers/${draft.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('dossiers.not_found');
      expect((await caller.patch(`/dossiers/${draft.id}`, { answers: {} })).statusCode).toBe(404);
      expect((await caller.post(`/dossiers/${draft.id}/submit`)).statusCode).toBe(404);
    }
  });

  it('refuses an unknown case and a procedure filed on another system', async () => {
    const before = await rowCounts(ctx);
    const res = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: 'TH99' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('dossiers.case_not_found');
    const bad = await citizen.post('/dossiers', { procedureCode: '', caseCode: CASE });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.procedureCode');
    expect(await rowCounts(ctx)).toEqual(before);
  });
});

describe('submission', () => {
  it('refuses invalid answers listing every field, and writes nothing', async () => {
    const draft = await newDraft();
    await citizen.patch(`/dossiers/${draft.id}`, { answers: { fullName: 'A', personalIdNumber: '999999999999', address: { street: 'x' } } });
    await attachFile(draft.id, mandatoryComponent.id);
    const before = await rowCounts(ctx);
    const res = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('dossiers.answers_invalid');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['answers.fullName', 'answers.personalIdNumber', 'answers.purpose', 'answers.address.street', 'answers.address.province']));
    expect(body.errors.find((e: { path: string }) => e.path === 'answers.purpose').message).toMatch(/Mục đích đề nghị/);
    expect(await rowCounts(ctx)).toEqual(before);
    expect((await getRow(ctx, draft.id))).toMatchObject({ status: 'DRAFT', code: null });
  });

  it('refuses missing mandatory components by name, and writes nothing', async () => {
    const draft = await newDraft();
    await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers });
    const before = await rowCounts(ctx);
    const res = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('dossiers.components_missing');
    expect(res.json().detail).toContain(mandatoryComponent.name);
    expect(res.json().errors).toEqual([{ path: `components.${mandatoryComponent.id}`, message: `Chưa đính kèm: ${mandatoryComponent.name}` }]);
    expect(await rowCounts(ctx)).toEqual(before);
  });

  it('assigns the code and appointment once; a retry with the same key answers the same dossier; a second submit is 409', async () => {
    const draft = await newDraft();
    await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers });
    await attachFile(draft.id, mandatoryComponent.id);
    const key = 'submit-key-0001';
    const first = await citizen.post(`/dossiers/${draft.id}/submit`, {}, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    const submitted = first.json();
    expect(submitted).toMatchObject({ status: 'SUBMITTED', nationalStatus: 1, nationalStatusLabel: 'Mới đăng ký', problems: [] });
    expect(submitted.code).toMatch(/^000\.00\.01\.G99-\d{6}-\d{4}$/);
    expect(new Date(submitted.appointmentAt).getTime()).toBeGreaterThan(Date.now());
    // Notifications are a consumer of the dossier event stream.
    await ctx.app.eventConsumers.drain();
    const [mail] = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.messageId, `dossier-submitted-${draft.id}`));
    expect(mail).toMatchObject({ recipient: 'citizen@demo.opendvc.vn', subject: `Đã nộp hồ sơ ${submitted.code}` });
    const retry = await citizen.post(`/dossiers/${draft.id}/submit`, {}, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().code).toBe(submitted.code);
    const again = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'dossiers.already_submitted', details: { code: submitted.code } });
    const events = (await citizen.get(`/dossiers/${draft.id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['dossier.created', 'dossier.submitted']);
    expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: {} })).json().code).toBe('dossiers.not_editable');
  });

  it('never hands out one code twice to concurrent submissions', async () => {
    const drafts = [];
    for (let i = 0; i < 6; i++) {
      const d = await newDraft();
      await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers });
      await attachFile(d.id, mandatoryComponent.id);
      drafts.push(d);
    }
    const results = await Promise.all(drafts.map((d) => citizen.post(`/dossiers/${d.id}/submit`)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const codes = results.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(codes.length);
    const numbers = codes.map((c) => Number(c.split('-').pop())).sort((a, b) => a - b);
    expect(numbers[numbers.length - 1]! - numbers[0]!).toBe(codes.length - 1);
  });

  it('never hands out one code twice from two app instances on one database (two pools on PostgreSQL)', async () => {
    const pool = ctx.database.pool as unknown as { options: { connectionString: string } } | undefined;
    // An embedded database belongs to one process: there the second app shares the handle.
    const second = pool ? openPostgres(pool.options.connectionString, 5) : { ...ctx.database, close: async () => {} };
    const node2 = await buildApp({ config: ctx.config, database: second, logger: false });
    try {
      const drafts = [];
      for (let i = 0; i < 8; i++) {
        const d = await newDraft();
        await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers });
        await attachFile(d.id, mandatoryComponent.id);
        drafts.push(d);
      }
      const results = await Promise.all(drafts.map((d, i) => (i % 2 === 0 ? ctx.app : node2).inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/submit`, headers: citizen.headers })));
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      const codes = results.map((r) => r.json().code as string);
      expect(new Set(codes).size).toBe(codes.length);
    } finally {
      await node2.close();
      await second.close();
    }
  });

  it('numbers past 9999 of a unit\'s day with more digits, and writes the code into the submit event', async () => {
    const first = await submittedDossier();
    const [unitCode, day] = [first.code.split('-').slice(0, -2).join('-'), first.code.split('-').at(-2)];
    const counter = and(eq(dossierCodeCountersTable.unitCode, unitCode), eq(dossierCodeCountersTable.day, day));
    await ctx.database.db.update(dossierCodeCountersTable).set({ lastNumber: 9999 }).where(counter);
    const next = await submittedDossier();
    // Back to where it was (its next number was never handed out), for the tests after this one.
    await ctx.database.db.update(dossierCodeCountersTable).set({ lastNumber: Number(first.code.split('-').at(-1)) }).where(counter);
    expect(next.code).toBe(`${unitCode}-${day}-10000`);
    const [event] = await ctx.database.db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, next.id), eq(dossierEventsTable.action, 'dossier.submitted')));
    expect(event?.payload).toMatchObject({ code: next.code, channel: 'ONLINE' });
    expect(event?.unitId).toBeTruthy();
  });
});

describe('public tracking', () => {
  it('answers status and appointment for the right pair, and the same 404 for a wrong key or an unknown code', async () => {
    const d = await submittedDossier();
    const ok = await ctx.app.inject({ method: 'GET', url: `/api/v1/tracking?code=${encodeURIComponent(d.code)}&key=2345` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ code: d.code, nationalStatus: 1, statusLabel: 'Mới đăng ký', appointmentAt: d.appointmentAt });
    const byPhone = await ctx.app.inject({ method: 'GET', url: `/api/v1/tracking?code=${encodeURIComponent(d.code)}&key=0001` });
    expect(byPhone.statusCode).toBe(200);
    const wrongKey = await ctx.app.inject({ method: 'GET', url: `/api/v1/tracking?code=${encodeURIComponent(d.code)}&key=9999` });
    const unknown = await ctx.app.inject({ method: 'GET', url: `/api/v1/tracking?code=000.00.01.G99-000101-9999&key=2345` });
    expect(wrongKey.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongKey.json().detail).toBe(unknown.json().detail);
    expect(wrongKey.json().code).toBe(unknown.json().code);
  });

  it('is rate-limited more tightly than the rest of the API', async () => {
    const limited = await createTestApp({ TRACKING_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.app.inject({ method: 'GET', url: '/api/v1/tracking?code=000.00.01.G99-000101-0001&key=1234', remoteAddress: '10.0.0.9' })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the one-stop desk', () => {
  it('shows the queue oldest first to officers of the unit only, and hides dossiers from another unit\'s officer', async () => {
    const d = await submittedDossier();
    const queue = (await officer.get('/reception/queue?pageSize=100')).json();
    expect(queue.items.some((i: { id: string }) => i.id === d.id)).toBe(true);
    const times = queue.items.map((i: { submittedAt: string }) => i.submittedAt);
    expect([...times].sort()).toEqual(times);
    expect((await foreignOfficer.get('/reception/queue')).json().items).toEqual([]);
    expect((await foreignOfficer.get(`/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await foreignOfficer.post(`/dossiers/${d.id}/receive`)).statusCode).toBe(404);
    expect((await officer.get(`/dossiers/${d.id}`)).statusCode).toBe(200);
    expect((await citizen.get('/reception/queue')).statusCode).toBe(403);
  });

  it('requests a supplement; only requested fields may change; earlier files stay; then receives', async () => {
    const d = await submittedDossier();
    const otherComponent = d.components.find((c: { mandatory: boolean }) => !c.mandatory);
    const req = await officer.post(`/dossiers/${d.id}/request-supplement`, { components: [otherComponent.id], fields: ['purpose'], reason: 'Bổ sung mục đích cụ thể và tài liệu kèm theo', dueInDays: 10 });
    expect(req.statusCode, req.body).toBe(200);
    expect(req.json()).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', nationalStatus: 5, supplementRequest: { round: 1, components: [otherComponent.id], fields: ['purpose'] } });
    expect((await officer.post(`/dossiers/${d.id}/request-supplement`, { fields: ['purpose'], reason: 'Yêu cầu lần hai' })).statusCode).toBe(409);

    const before = await rowCounts(ctx);
    const unrequested = await citizen.post(`/dossiers/${d.id}/resubmit`, { answers: { ...goodAnswers, fullName: 'Tên khác hẳn' } });
    expect(unrequested.statusCode).toBe(422);
    expect(unrequested.json()).toMatchObject({ code: 'dossiers.unrequested_changes', errors: [{ path: 'answers.fullName' }] });
    const noFile = await citizen.post(`/dossiers/${d.id}/resubmit`, { answers: { ...goodAnswers, purpose: 'Mục đích đã được nêu cụ thể hơn' } });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().code).toBe('dossiers.supplement_incomplete');
    expect(await rowCounts(ctx)).toEqual(before);

    await attachFile(d.id, otherComponent.id);
    const answered = await citizen.post(`/dossiers/${d.id}/resubmit`, { answers: { ...goodAnswers, purpose: 'Mục đích đã được nêu cụ thể hơn' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'RESUBMITTED', nationalStatus: 1, code: d.code });
    const files = answered.json().components.flatMap((c: { attachments: { supplementRound: number }[] }) => c.attachments.map((a) => a.supplementRound));
    expect(files.sort()).toEqual([0, 1]);
    expect((await citizen.post(`/dossiers/${d.id}/resubmit`, {})).json().code).toBe('dossiers.not_awaiting_supplement');

    const received = await officer.post(`/dossiers/${d.id}/receive`);
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ status: 'RECEIVED', nationalStatus: 2, nationalStatusLabel: 'Được tiếp nhận' });
    const events = (await citizen.get(`/dossiers/${d.id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['dossier.created', 'dossier.submitted', 'dossier.supplement_requested', 'dossier.resubmitted', 'dossier.received']);
    expect(events[2]).toMatchObject({ actorRole: 'ONE_STOP_OFFICER', reason: 'Bổ sung mục đích cụ thể và tài liệu kèm theo' });
  });

  it('refuses a supplement reply to a dossier that is not awaiting one', async () => {
    const d = await submittedDossier();
    const res = await citizen.post(`/dossiers/${d.id}/resubmit`, { answers: goodAnswers });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('dossiers.not_awaiting_supplement');
  });

  it('refuses a dossier with reasons; it can no longer be received or withdrawn', async () => {
    const d = await submittedDossier();
    const res = await officer.post(`/dossiers/${d.id}/refuse`, { reasons: ['Thủ tục không thuộc thẩm quyền giải quyết của Bộ'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'REFUSED', nationalStatus: 3 });
    expect((await officer.post(`/dossiers/${d.id}/receive`)).json().code).toBe('dossiers.transition_not_allowed');
    expect((await citizen.post(`/dossiers/${d.id}/withdraw`, { reason: 'Không còn nhu cầu' })).statusCode).toBe(409);
    expect((await officer.post(`/dossiers/${d.id}/refuse`, { reasons: [] })).statusCode).toBe(400);
  });
});

describe('withdrawal', () => {
  it('lets the applicant withdraw before a result, and records the reason', async () => {
    const d = await submittedDossier();
    const res = await citizen.post(`/dossiers/${d.id}/withdraw`, { reason: 'Không còn nhu cầu giải quyết' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'WITHDRAWN', nationalStatus: 7 });
    expect((await otherApplicant.post(`/dossiers/${d.id}/withdraw`, { reason: 'Không còn nhu cầu' })).statusCode).toBe(404);
  });
});

describe('acting for others', () => {
  it('lets an authorised representative file for the principal, who sees the dossier too', async () => {
    const principalId = citizen.userId;
    const draft = await newDraft(representative, { onBehalfOf: { principalUserId: principalId } });
    expect(draft.onBehalfOf).toEqual({ organisationId: null, principalUserId: principalId });
    expect(draft.answers.fullName).toBe('Nguyễn Văn An');
    expect((await citizen.get(`/dossiers/${draft.id}`)).statusCode).toBe(200);
  });

  it('refuses to act for a person or organisation without authorisation or membership', async () => {
    const before = await rowCounts(ctx);
    const forPerson = await business.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, onBehalfOf: { principalUserId: citizen.userId } });
    expect(forPerson.statusCode).toBe(403);
    expect(forPerson.json().code).toBe('dossiers.not_authorised_to_act');
    const orgs = (await business.get('/organisations')).json().items;
    const forOrg = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, onBehalfOf: { organisationId: orgs[0].id } });
    expect(forOrg.statusCode).toBe(403);
    expect(await rowCounts(ctx)).toEqual(before);
    const asMember = await newDraft(business, { onBehalfOf: { organisationId: orgs[0].id } });
    expect(asMember.applicant.fullName).toBe(orgs[0].name);
  });
});

describe('counter intake', () => {
  it('enters a dossier at the counter, links a verified ID number, and receives it at once on submit', async () => {
    const res = await officer.post('/counter/dossiers', {
      procedureCode: PROCEDURE, caseCode: CASE, channel: 'IN_PERSON',
      applicant: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345', phone: '0912000001', address: 'Hà Nội' },
      answers: goodAnswers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'INTAKE', channel: 'IN_PERSON', code: null });
    expect((await getRow(ctx, d.id)).applicantUserId).toBe(citizen.userId);
    expect((await citizen.get(`/dossiers/${d.id}`)).statusCode).toBe(404);
    expect((await foreignOfficer.get(`/dossiers/${d.id}`)).statusCode).toBe(404);
    await attachFile(d.id, mandatoryComponent.id, officer);
    const submitted = await officer.post(`/dossiers/${d.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'RECEIVED', nationalStatus: 2 });
    expect(submitted.json().code).toMatch(/^000\.00\.01\.G99-\d{6}-\d{4}$/);
    expect(submitted.json().receivedAt).not.toBeNull();
    expect((await citizen.get(`/dossiers/${d.id}`)).statusCode).toBe(200);
  });

  it('keeps a person without an account on the dossier only, and refuses another unit\'s officer', async () => {
    const res = await officer.post('/counter/dossiers', {
      procedureCode: PROCEDURE, caseCode: CASE, channel: 'POSTAL',
      applicant: { fullName: 'Trần Văn Bưu', personalIdNumber: '079090099999', phone: '0987000111' }, answers: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await getRow(ctx, res.json().id)).applicantUserId).toBeNull();
    const foreign = await foreignOfficer.post('/counter/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, channel: 'IN_PERSON', applicant: { fullName: 'Ai Đó' }, answers: {} });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('dossiers.not_officer');
  });
});

describe('components of a foreign case', () => {
  it('refuses a supplement request naming a component of another case', async () => {
    const d = await submittedDossier();
    const [foreign] = await ctx.database.db.select().from(caseComponentsTable).where(eq(caseComponentsTable.id, 'cmp_1010721_TH1_1'));
    expect(foreign).toBeDefined();
    const res = await officer.post(`/dossiers/${d.id}/request-supplement`, { components: [foreign!.id], reason: 'Bổ sung giấy tờ khác' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('dossiers.unknown_components');
  });
});
