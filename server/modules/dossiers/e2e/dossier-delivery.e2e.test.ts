/**
 * How the result reaches the applicant (issue 13, item 7), over HTTP and the real database: the
 * choice at filing among what the case offers, the postal fee recorded for the payments module,
 * an issued result posted with its tracking number and returned on the delivery confirmation
 * (events, audit, what the applicant sees), and the dossier-level service level.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { procedureCasesTable } from '../../catalog/index.js';
import { dossierEventsTable } from '../dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, otherUnitOfficer, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let head: Caller;
let leader: Caller;
let clerk: Caller;
let foreignOfficer: Caller;
let mandatoryComponentId: string;

const address = { recipientName: 'Nguyễn Văn An', phone: '0912345678', address: 'Số 10 phố Tôn Thất Thuyết, phường Mỹ Đình 2, Hà Nội' };

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, POSTAL_DELIVERY_FEE_VND: '42000' });
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

const put = (caller: Caller, url: string, body: unknown) => caller.raw('PUT' as never, url, body);

async function draft() {
  const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  expect((await citizen.upload(d.id, mandatoryComponentId)).statusCode).toBe(201);
  return d as { id: string };
}

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Received, drafted, signed by the leader, issued by the clerk: RESULT_READY with an issued result. */
async function issue(dossierId: string) {
  expect((await officer.post(`/dossiers/${dossierId}/receive`)).statusCode).toBe(200);
  await act(officer, dossierId, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
  const template = (await specialist.get(`/dossiers/${dossierId}/result-draft`)).json();
  expect((await put(specialist, `/dossiers/${dossierId}/result-draft`, { title: template.title, summary: template.summary, body: template.body })).statusCode).toBe(200);
  await act(specialist, dossierId, 'trinh_lanh_dao_phong', { assigneeId: head.userId });
  await act(head, dossierId, 'trinh_ky', { assigneeId: leader.userId });
  await act(leader, dossierId, 'ky_duyet');
  return act(clerk, dossierId, 'chuyen_tra_ket_qua');
}

describe('the choice at filing', () => {
  it('offers what the case offers, requires an address for the post, records the postal fee and freezes the choice at submission', async () => {
    const d = await draft();
    const view = (await citizen.get(`/dossiers/${d.id}`)).json();
    expect(view.delivery).toMatchObject({ method: null, options: ['POSTAL', 'COUNTER'], fee: null, onlineLevel: 'PARTIAL' });

    const online = await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'ONLINE' });
    expect(online.statusCode).toBe(422);
    expect(online.json().code).toBe('dossiers.delivery_not_offered');
    const noAddress = await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'POSTAL' });
    expect(noAddress.json()).toMatchObject({ code: 'dossiers.delivery_address_required' });
    const badPhone = await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'POSTAL', address: { ...address, phone: '12345' } });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().errors[0]).toMatchObject({ path: 'body.address.phone' });
    expect((await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'WHATEVER' })).statusCode).toBe(400);
    expect((await put(foreignOfficer, `/dossiers/${d.id}/delivery`, { method: 'COUNTER' })).statusCode).toBe(404);

    const chosen = await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'POSTAL', address });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().delivery).toMatchObject({ method: 'POSTAL', address, fee: 42000 });

    const submitted = await citizen.post(`/dossiers/${d.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().delivery).toMatchObject({ method: 'POSTAL', fee: 42000 });
    const [event] = await ctx.database.db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, d.id), eq(dossierEventsTable.type, 'dossier.submitted')));
    expect(event!.payload).toMatchObject({ deliveryMethod: 'POSTAL', deliveryFee: 42000 });
    const late = await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'COUNTER' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('dossiers.not_editable');
  });

  it('takes the counter when nothing was chosen, and no fee', async () => {
    const d = await draft();
    const submitted = (await citizen.post(`/dossiers/${d.id}/submit`)).json();
    expect(submitted.delivery).toMatchObject({ method: 'COUNTER', fee: null, address: null });
  });

  it('derives the dossier as fully online when fees are paid online and the result is delivered online', async () => {
    const row = await getRow(ctx, (await draft()).id);
    const [kase] = await ctx.database.db.select().from(procedureCasesTable).where(eq(procedureCasesTable.id, row.caseId));
    const original = kase!.capabilities;
    await ctx.database.db.update(procedureCasesTable).set({ capabilities: { ...original, onlinePayment: true, resultDelivery: ['ELECTRONIC', 'POSTAL', 'COUNTER'] } }).where(eq(procedureCasesTable.id, row.caseId));
    try {
      const online = await put(citizen, `/dossiers/${row.id}/delivery`, { method: 'ONLINE' });
      expect(online.statusCode, online.body).toBe(200);
      expect(online.json().delivery).toMatchObject({ method: 'ONLINE', options: ['ONLINE', 'POSTAL', 'COUNTER'], onlineLevel: 'FULL' });
      expect((await put(citizen, `/dossiers/${row.id}/delivery`, { method: 'COUNTER' })).json().delivery.onlineLevel).toBe('PARTIAL');
      expect((await put(citizen, `/dossiers/${row.id}/delivery`, { method: 'POSTAL', address })).json().delivery.onlineLevel).toBe('FULL');
    } finally {
      await ctx.database.db.update(procedureCasesTable).set({ capabilities: original }).where(eq(procedureCasesTable.id, row.caseId));
    }
  });
});

describe('a result sent by post', () => {
  it('is posted with a tracking number and returned on the delivery confirmation; the applicant sees both', async () => {
    const d = await draft();
    expect((await put(citizen, `/dossiers/${d.id}/delivery`, { method: 'POSTAL', address })).statusCode).toBe(200);
    expect((await citizen.post(`/dossiers/${d.id}/submit`)).statusCode).toBe(200);
    // Nothing to post before the result is issued.
    const tooEarly = await officer.post(`/dossiers/${d.id}/delivery/shipment`, { carrier: 'Bưu điện Việt Nam (VNPost)', trackingNumber: 'EB123456789VN' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().code).toBe('dossiers.not_postal_delivery');

    expect(await issue(d.id)).toMatchObject({ status: 'RESULT_READY' });
    // Posted, not downloadable.
    expect((await citizen.get(`/dossiers/${d.id}/result.pdf`)).statusCode).toBe(404);
    expect((await citizen.post(`/dossiers/${d.id}/delivery/shipment`, { carrier: 'VNPost', trackingNumber: 'EB123456789VN' })).statusCode).toBe(403);
    expect((await foreignOfficer.post(`/dossiers/${d.id}/delivery/shipment`, { carrier: 'VNPost', trackingNumber: 'EB123456789VN' })).statusCode).toBe(404);
    expect((await officer.post(`/dossiers/${d.id}/delivery/shipment`, { carrier: 'VNPost', trackingNumber: 'số vận đơn?' })).statusCode).toBe(400);
    const noShipment = await officer.post(`/dossiers/${d.id}/delivery/confirmation`, {});
    expect(noShipment.statusCode).toBe(409);

    const shipped = await officer.post(`/dossiers/${d.id}/delivery/shipment`, { carrier: 'Bưu điện Việt Nam (VNPost)', trackingNumber: 'EB123456789VN' });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json()).toMatchObject({ status: 'RESULT_READY', delivery: { method: 'POSTAL', carrier: 'Bưu điện Việt Nam (VNPost)', trackingNumber: 'EB123456789VN', deliveredAt: null } });
    expect(shipped.json().delivery.shippedAt).toBeTruthy();

    const future = await officer.post(`/dossiers/${d.id}/delivery/confirmation`, { deliveredAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('dossiers.delivery_time_invalid');
    const delivered = await officer.post(`/dossiers/${d.id}/delivery/confirmation`, { receivedBy: 'Nguyễn Văn An' });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({ status: 'RESULT_RETURNED', nationalStatus: 10, returnMethod: 'POSTAL', result: { downloadable: true } });
    expect(delivered.json().delivery.deliveredAt).toBeTruthy();
    // Returned: the applicant may download the issued result too; nothing more to post.
    expect((await citizen.get(`/dossiers/${d.id}/result.pdf`)).statusCode).toBe(200);
    expect((await officer.post(`/dossiers/${d.id}/delivery/confirmation`, {})).statusCode).toBe(409);

    const timeline = (await citizen.get(`/dossiers/${d.id}/events`)).json().items as { type: string; action: string }[];
    expect(timeline.slice(-2).map((e) => [e.type, e.action])).toEqual([['dossier.result_shipped', 'dossier.result_shipped'], ['dossier.returned', 'dossier.result_delivered']]);
    const events = await ctx.database.db.select().from(dossierEventsTable).where(eq(dossierEventsTable.dossierId, d.id));
    expect(events.find((e) => e.type === 'dossier.result_shipped')!.payload).toEqual({ carrier: 'Bưu điện Việt Nam (VNPost)', trackingNumber: 'EB123456789VN' });
    expect(events.find((e) => e.action === 'dossier.result_delivered')).toMatchObject({ audience: 'APPLICANT', nationalStatusAfter: 10, payload: { method: 'POSTAL', trackingNumber: 'EB123456789VN' } });
    const audit = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `dossier:${d.id}`));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['DOSSIER_RESULT_SHIPPED', 'DOSSIER_RESULT_RETURNED']));
  }, 60_000);
});
