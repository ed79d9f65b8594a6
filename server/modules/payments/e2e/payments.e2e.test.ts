/**
 * Payments end to end against the simulators, started as child processes on free loopback
 * ports, and the app listening on loopback for their callbacks: pay through the national
 * platform and through the VNPAY protocol; forged, mismatched, repeated, reordered and lost
 * callbacks; an official's request_payment stops the clock and the payment resumes it.
 * Invariants checked after each: no request paid twice, none paid without an accepted proof.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { procedureCasesTable } from '../../catalog/catalog.tables.js';
import { seedCaseForms } from '../../dossiers/dossiers.forms-seed.js';
import { dossierEventsTable, dossiersTable } from '../../dossiers/dossiers.tables.js';
import { appendDossierEvent } from '../../dossiers/index.js';
import { callerFor, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { receiptsTable } from '../../receipts/index.js';
import { queryRows } from '../../../platform/db/create-database.js';
import { PAYMENTS_REFUND_ON_CLOSE } from '../payments.jobs.js';
import { refundOnClose } from '../payments.reconciliation.js';
import { paymentAttemptsTable, paymentNotificationsTable, paymentRefundsTable, paymentRequestsTable } from '../payments.tables.js';
import { queryPendingAttempts } from '../payments.usecases.js';
import { createProviders } from '../providers/index.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const PROCEDURE = '1.012601';
const CASE = 'TH1';
const NATIONAL_SECRET = 'opendvc-demo-national-secret';

let ctx: TestContext;
let dataDir: string;
let sim: ChildProcess;
let urls: { national: string; vnpay: string };
let citizen: Caller;
let officer: Caller;
let components: string[];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Waits (bounded) until `probe` is true: callbacks arrive from another process. */
async function until(probe: () => Promise<boolean>, tries = 100) {
  for (let i = 0; i < tries; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}

/** Switches a simulator; retried once when a kept-alive connection was closed under us (a loaded machine). */
const simConfig = async (which: 'national' | 'vnpay', body: Record<string, unknown>) => {
  const send = () => fetch(`${urls[which]}/_sim/config`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  try { return await send(); } catch { return send(); }
};

beforeAll(async () => {
  sim = spawn(process.execPath, ['--import', 'tsx', 'simulators/payments/main.ts'], { cwd: root, env: { ...process.env, SIM_NATIONAL_PORT: '0', SIM_VNPAY_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: sim.stdout! }).once('line', resolve);
    sim.once('exit', (code) => reject(new Error(`simulators exited ${code}`)));
  });
  urls = JSON.parse(line) as typeof urls;
  const port = await freePort();
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, PAYMENT_NATIONAL_URL: urls.national, PAYMENT_VNPAY_URL: urls.vnpay });
  await ctx.app.listen({ host: '127.0.0.1', port });
  await simConfig('vnpay', { ipnUrl: `http://127.0.0.1:${port}/api/v1/payments/vnpay/callback` });
  // A small form over the fee-bearing case: the fee tiers read source.flow.
  await seedCaseForms({ db: ctx.database.db, forms: [{ file: 'test.json', form: { procedureCode: PROCEDURE, versionNo: 1, cases: [{ caseCode: CASE, schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', title: 'Tờ khai thử nghiệm', required: ['source'],
    properties: { source: { type: 'object', title: 'Nguồn nước', required: ['flow'], properties: { flow: { type: 'number', title: 'Lưu lượng', exclusiveMinimum: 0 } } } },
  } as never, uiSchema: {} }] } }] });
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  const probe = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  components = probe.components.filter((c: { mandatory: boolean }) => c.mandatory).map((c: { id: string }) => c.id);
  expect((await citizen.delete(`/dossiers/${probe.id}`)).statusCode).toBe(204);
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  sim?.kill('SIGTERM');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A fee-bearing dossier submitted online, with its FILING payment request (flow 60 000 m³/day: 20 000 000 đ). */
async function submittedDossier(flow = 60000) {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: { source: { flow } } })).statusCode).toBe(200);
  for (const c of components) expect((await citizen.upload(draft.id, c)).statusCode).toBe(201);
  const submitted = await citizen.post(`/dossiers/${draft.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  await ctx.app.eventConsumers.drain();
  const list = (await citizen.get(`/dossiers/${draft.id}/payments`)).json();
  return { id: draft.id as string, payment: list.items[0] as { id: string; amount: number; status: string; reference: string } };
}

/** The payer's browser: the provider's page, submitted with `result`; returns where it is sent back. */
async function payOnPage(redirectUrl: string, result: 'success' | 'cancel') {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  expect(html).toContain('MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật');
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
  const res = await fetch(new URL(action, redirectUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hidden, bank: 'VCB', result }).toString() });
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

async function paidEvents(dossierId: string) {
  return ctx.database.db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, dossierId), eq(dossierEventsTable.type, 'dossier.paid')));
}

/** 0 requests paid twice, 0 paid without an accepted provider message. */
async function invariants() {
  const db = ctx.database.db;
  const double = await db.execute(sql`SELECT dossier_id FROM dossier_events WHERE type = 'dossier.paid' GROUP BY dossier_id, payload->>'paymentId' HAVING count(*) > 1`);
  expect((double as unknown as { rows: unknown[] }).rows ?? double).toHaveLength(0);
  const paid = await db.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.status, 'PAID'));
  for (const p of paid) {
    const [attempt] = await db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.id, p.paidAttemptId!));
    expect(attempt).toMatchObject({ status: 'SUCCEEDED', amount: p.amount });
    const proofs = await db.select().from(paymentNotificationsTable).where(and(eq(paymentNotificationsTable.providerReference, attempt!.providerReference), eq(paymentNotificationsTable.outcome, 'PAID')));
    expect(proofs).toHaveLength(1);
  }
}

const nationalSign = (m: Record<string, unknown>, secret: string) =>
  createHash('sha256').update(`${['MaLoi', 'MaDoiTac', 'MaThamChieu', 'MaGiaoDich', 'MaNganHang', 'SoTien', 'ThoiGianGD', 'TrangThaiGD'].map((f) => String(m[f] ?? '')).join('|')}|${secret}`).digest('hex');

describe('payments', () => {
  it('a fee-bearing submission waits for its FILING payment; paid through the national platform it goes to the desk', async () => {
    const d = await submittedDossier();
    expect(d.payment).toMatchObject({ status: 'PENDING', amount: 20_000_000, items: [{ kind: 'PHI', amount: 20_000_000 }] });
    expect((await citizen.get(`/dossiers/${d.id}`)).json()).toMatchObject({ status: 'AWAITING_PAYMENT', nationalStatus: 6 });
    // Not at the desk while unpaid.
    expect((await officer.post(`/dossiers/${d.id}/receive`)).statusCode).toBe(409);

    const co = await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'national' });
    expect(co.statusCode, co.body).toBe(200);
    expect(co.json().redirectUrl.startsWith(urls.national)).toBe(true);
    const back = await payOnPage(co.json().redirectUrl, 'success');
    expect(back).toContain('/api/v1/payments/national/return?');
    const ret = await fetch(back, { redirect: 'manual' });
    expect(ret.status).toBe(303);
    expect(ret.headers.get('location')).toBe(`/ho-so-cua-toi/${d.id}?thanh-toan=ok`);
    await until(async () => (await ctx.database.db.select().from(paymentNotificationsTable).where(eq(paymentNotificationsTable.channel, 'callback'))).length > 0);

    const list = (await citizen.get(`/dossiers/${d.id}/payments`)).json();
    expect(list.items[0]).toMatchObject({ status: 'PAID', provider: 'national', receiptUrl: `/api/v1/dossiers/${d.id}/payments/${d.payment.id}/receipt.pdf` });
    expect((await citizen.get(`/dossiers/${d.id}`)).json()).toMatchObject({ status: 'SUBMITTED' });
    const events = await paidEvents(d.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ audience: 'APPLICANT', nationalStatusBefore: 6, nationalStatusAfter: 1 });
    expect(events[0]!.payload).toMatchObject({ paymentId: d.payment.id, amount: 20_000_000, currency: 'VND', provider: 'national', reference: d.payment.reference });
    expect(typeof events[0]!.payload.providerTransactionId).toBe('string');
    expect((await officer.post(`/dossiers/${d.id}/receive`)).statusCode).toBe(200);
    // Officials of the unit see the request too.
    expect((await officer.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PAID');
    await invariants();
  });

  it('pays through the VNPAY protocol (return URL and IPN); a repeated IPN is answered "already confirmed"', async () => {
    const d = await submittedDossier(1000);
    expect(d.payment.amount).toBe(10_000_000);
    const co = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'vnpay' })).json();
    const redirect = new URL(co.redirectUrl);
    expect(redirect.searchParams.get('vnp_Amount')).toBe('1000000000');
    expect(redirect.searchParams.get('vnp_Version')).toBe('2.1.0');
    const back = await payOnPage(co.redirectUrl, 'success');
    await until(async () => (await paidEvents(d.id)).length > 0);
    const ret = await fetch(back, { redirect: 'manual' });
    expect(ret.headers.get('location')).toBe(`/ho-so-cua-toi/${d.id}?thanh-toan=ok`);
    const ref = new URL(back).searchParams.get('vnp_TxnRef')!;
    const again = await (await fetch(`${urls.vnpay}/_sim/resend`, { method: 'POST', body: JSON.stringify({ reference: ref }) })).json();
    expect(again.body).toMatchObject({ RspCode: '02' });
    expect(await paidEvents(d.id)).toHaveLength(1);
    expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0]).toMatchObject({ status: 'PAID', provider: 'vnpay' });
    await invariants();
  });

  it('refuses and audits a forged checksum and a wrong amount; the attempt stays unpaid', async () => {
    const d = await submittedDossier();
    await simConfig('national', { dropCallbacks: true });
    try {
      const co = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'national' })).json();
      const [attempt] = await ctx.database.db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.paymentId, d.payment.id));
      const message: Record<string, unknown> = { MaLoi: '00', MaDoiTac: 'OPENDVC', MaThamChieu: attempt!.providerReference, MaGiaoDich: 'FORGED1', MaNganHang: 'VCB', SoTien: String(d.payment.amount), ThoiGianGD: '20261204100000', TrangThaiGD: '1' };
      const callback = (m: Record<string, unknown>) => fetch(`${ctx.config.publicUrl}/api/v1/payments/national/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) }).then((r) => r.json());
      expect(await callback({ ...message, MaXacThuc: nationalSign(message, 'guessed-secret') })).toMatchObject({ MaLoi: '02' });
      const cheap = { ...message, SoTien: '1000' };
      expect(await callback({ ...cheap, MaXacThuc: nationalSign(cheap, NATIONAL_SECRET) })).toMatchObject({ MaLoi: '04' });
      const unknown = { ...message, MaThamChieu: 'DVCNOSUCHREF' };
      expect(await callback({ ...unknown, MaXacThuc: nationalSign(unknown, NATIONAL_SECRET) })).toMatchObject({ MaLoi: '01' });
      expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PENDING');
      expect(await paidEvents(d.id)).toHaveLength(0);
      const audits = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.action, 'PAYMENT_MESSAGE_REFUSED'));
      expect(audits.length).toBeGreaterThanOrEqual(3);
      // A forged VNPAY IPN is refused with RspCode 97.
      const forged = await fetch(`${ctx.config.publicUrl}/api/v1/payments/vnpay/callback?vnp_TxnRef=${attempt!.providerReference}&vnp_Amount=${d.payment.amount * 100}&vnp_ResponseCode=00&vnp_TransactionStatus=00&vnp_TmnCode=OPENDVC1&vnp_SecureHash=${createHmac('sha512', 'x').update('y').digest('hex')}`).then((r) => r.json());
      expect(forged).toMatchObject({ RspCode: '97' });
      // The real payment still works afterwards.
      await payOnPage(co.redirectUrl, 'success');
      const settled = await queryPendingAttempts({ db: ctx.database.db, config: ctx.config, providers: createProviders(ctx.config) });
      expect(settled.paid).toBe(1);
      expect(await paidEvents(d.id)).toHaveLength(1);
    } finally {
      await simConfig('national', { reset: true });
    }
    await invariants();
  });

  it('repeated, reordered and late callbacks change nothing twice; a cancelled attempt can be paid again', async () => {
    const d = await submittedDossier();
    await simConfig('national', { callbackRepeat: 3, reorder: true });
    try {
      const first = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'national' })).json();
      const cancelled = await payOnPage(first.redirectUrl, 'cancel');
      expect((await fetch(cancelled, { redirect: 'manual' })).headers.get('location')).toBe(`/ho-so-cua-toi/${d.id}?thanh-toan=huy`);
      expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PENDING');
      const second = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'national' })).json();
      await payOnPage(second.redirectUrl, 'success');
      await until(async () => (await paidEvents(d.id)).length === 1);
      const [paidAttempt] = await ctx.database.db.select().from(paymentAttemptsTable).where(and(eq(paymentAttemptsTable.paymentId, d.payment.id), eq(paymentAttemptsTable.status, 'SUCCEEDED')));
      const messages = (outcome: string) => ctx.database.db.select().from(paymentNotificationsTable)
        .where(and(eq(paymentNotificationsTable.providerReference, paidAttempt!.providerReference), eq(paymentNotificationsTable.outcome, outcome)));
      // Three callbacks of the success (one accepted, two already paid), then the stale one out of order.
      await until(async () => (await messages('ALREADY_PAID')).length >= 2 && (await messages('UNCHANGED')).length >= 1);
      expect(await messages('PAID')).toHaveLength(1);
      // Late: the callback of the paid attempt, sent again much later, and a stale "not settled" one.
      await fetch(`${urls.national}/_sim/resend`, { method: 'POST', body: JSON.stringify({ reference: paidAttempt!.providerReference }) });
      await fetch(`${urls.national}/_sim/resend`, { method: 'POST', body: JSON.stringify({ reference: paidAttempt!.providerReference, stale: true }) });
      expect(await paidEvents(d.id)).toHaveLength(1);
      expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PAID');
      expect(await checkoutStatus(d.id, d.payment.id)).toBe(409);
    } finally {
      await simConfig('national', { reset: true });
    }
    await invariants();
  });

  it('a lost callback is settled by the scheduled QUERY; an abandoned attempt expires', async () => {
    const d = await submittedDossier();
    await simConfig('vnpay', { dropCallbacks: true });
    try {
      const co = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'vnpay' })).json();
      await payOnPage(co.redirectUrl, 'success'); // the browser never comes back, the IPN is lost
      expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PENDING');
      const deps = { db: ctx.database.db, config: ctx.config, providers: createProviders(ctx.config) };
      expect(await queryPendingAttempts(deps)).toMatchObject({ paid: 1 });
      expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PAID');
      expect(await paidEvents(d.id)).toHaveLength(1);

      const other = await submittedDossier();
      await citizen.post(`/dossiers/${other.id}/payments/${other.payment.id}/checkout`, { provider: 'national' });
      const later = new Date(Date.now() + (ctx.config.paymentAttemptMinutes + 1) * 60_000);
      expect(await queryPendingAttempts(deps, { now: later })).toMatchObject({ expired: 1 });
      const [attempt] = await ctx.database.db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.paymentId, other.payment.id));
      expect(attempt!.status).toBe('EXPIRED');
    } finally {
      await simConfig('vnpay', { reset: true });
    }
    await invariants();
  });

  it('submission holds a fee-bearing dossier at once (the desk never sees it unpaid); the postal fee joins the filing request; withdrawn, the request is cancelled and a late success is recorded, not paid', async () => {
    const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: { source: { flow: 1000 } } })).statusCode).toBe(200);
    for (const c of components) expect((await citizen.upload(draft.id, c)).statusCode).toBe(201);
    const chosen = await citizen.raw('PUT' as 'POST', `/dossiers/${draft.id}/delivery`, { method: 'POSTAL', address: { recipientName: 'Nguyễn Văn An', phone: '0912345678', address: 'Số 1 Tôn Thất Thuyết, Nam Từ Liêm, Hà Nội' } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const submitted = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    // Before any consumer has run: already status 6, not in the desk's queue, not receivable.
    expect(submitted.json()).toMatchObject({ status: 'AWAITING_PAYMENT', nationalStatus: 6 });
    const queue = (await officer.get('/reception/queue?pageSize=100')).json();
    expect((queue.items ?? []).some((i: { id: string }) => i.id === draft.id)).toBe(false);
    expect((await officer.post(`/dossiers/${draft.id}/receive`)).statusCode).toBe(409);
    const [event] = await ctx.database.db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, draft.id), eq(dossierEventsTable.type, 'dossier.submitted')));
    expect(event).toMatchObject({ fromStatus: 'DRAFT', toStatus: 'AWAITING_PAYMENT' });
    await ctx.app.eventConsumers.drain();
    const fee = ctx.config.postalDeliveryFeeVnd;
    const [request] = (await citizen.get(`/dossiers/${draft.id}/payments`)).json().items;
    expect(request).toMatchObject({ status: 'PENDING', amount: 10_000_000 + fee, items: [{ kind: 'PHI', amount: 10_000_000 }, { code: 'postal-delivery', kind: 'OTHER', amount: fee }] });
    const [row] = await ctx.database.db.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.id, request.id));
    expect(row!.holdsDossier).toBe(true);

    await simConfig('national', { dropCallbacks: true });
    try {
      const co = (await citizen.post(`/dossiers/${draft.id}/payments/${request.id}/checkout`, { provider: 'national' })).json();
      const withdrawn = await citizen.post(`/dossiers/${draft.id}/withdraw`, { reason: 'Không còn nhu cầu cấp phép' });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      await ctx.app.eventConsumers.drain();
      expect((await citizen.get(`/dossiers/${draft.id}/payments`)).json().items[0].status).toBe('CANCELLED');
      const [attempt] = await ctx.database.db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.paymentId, request.id));
      expect(attempt!.status).toBe('CANCELLED');
      expect(await checkoutStatus(draft.id, request.id)).toBe(409);
      // The payer had the provider's page open and paid anyway: the late callback is accepted as a
      // payment to refund, the request stays cancelled and no receipt event is written.
      await payOnPage(co.redirectUrl, 'success');
      const resent = await (await fetch(`${urls.national}/_sim/resend`, { method: 'POST', body: JSON.stringify({ reference: attempt!.providerReference }) })).json();
      expect(resent.body).toMatchObject({ MaLoi: '00' });
      const notes = await ctx.database.db.select().from(paymentNotificationsTable).where(eq(paymentNotificationsTable.providerReference, attempt!.providerReference));
      expect(notes.map((n) => n.outcome)).toContain('DUPLICATE_PAYMENT');
      expect((await citizen.get(`/dossiers/${draft.id}/payments`)).json().items[0].status).toBe('CANCELLED');
      expect(await paidEvents(draft.id)).toHaveLength(0);
      const audits = await ctx.database.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.action, 'PAYMENT_REQUESTS_CANCELLED'), eq(auditEventsTable.subject, `dossier:${draft.id}`)));
      expect(audits).toHaveLength(1);
    } finally {
      await simConfig('national', { reset: true });
    }
    await invariants();
  });

  it('request_payment after appraisal moves the dossier to status 6 and stops the clock; payment resumes it with the deadlines moved', async () => {
    // The case gains an after-appraisal charge (catalogue data, as an import would set it).
    const [kase] = await ctx.database.db.select().from(procedureCasesTable).where(sql`${procedureCasesTable.id} = (SELECT case_id FROM dossiers WHERE procedure_id = (SELECT id FROM procedures WHERE code = ${PROCEDURE}) LIMIT 1)`);
    const channels = kase!.channels.map((c) => ({ ...c, fees: [...c.fees, { kind: 'CHARGE' as const, name: 'Lệ phí cấp giấy phép (minh họa)', amountVnd: 500_000, stage: 'AFTER_APPRAISAL' as const }] }));
    await ctx.database.db.update(procedureCasesTable).set({ channels }).where(eq(procedureCasesTable.id, kase!.id));
    const d = await submittedDossier();
    await simConfig('national', { dropCallbacks: true });
    try {
      const co = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'national' })).json();
      await payOnPage(co.redirectUrl, 'success');
      await queryPendingAttempts({ db: ctx.database.db, config: ctx.config, providers: createProviders(ctx.config) });
    } finally {
      await simConfig('national', { reset: true });
    }
    expect((await officer.post(`/dossiers/${d.id}/receive`)).statusCode).toBe(200);
    await ctx.database.db.update(dossiersTable).set({ status: 'IN_PROGRESS' }).where(eq(dossiersTable.id, d.id));
    // Only officials of the unit may request it.
    expect((await citizen.post(`/dossiers/${d.id}/payments`, {})).statusCode).toBe(403);
    const requested = await officer.post(`/dossiers/${d.id}/payments`, { comment: 'Nộp lệ phí cấp giấy phép' });
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json()).toMatchObject({ stage: 'AFTER_APPRAISAL', status: 'PENDING', amount: 500_000, items: [{ kind: 'LE_PHI', amount: 500_000 }] });
    const stopped = await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, d.id)).then((r) => r[0]!);
    expect(stopped).toMatchObject({ status: 'AWAITING_PAYMENT', workflowStatus: 'AWAITING_APPLICANT' });
    expect(stopped.clockStoppedAt).not.toBeNull();
    // The clock stood still for a known span: move the stop back one full working day.
    const stoppedAt = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
    await ctx.database.db.update(dossiersTable).set({ clockStoppedAt: stoppedAt }).where(eq(dossiersTable.id, d.id));
    const co = (await citizen.post(`/dossiers/${d.id}/payments/${requested.json().id}/checkout`, { provider: 'vnpay' })).json();
    const back = await payOnPage(co.redirectUrl, 'success');
    await fetch(back, { redirect: 'manual' });
    await until(async () => (await paidEvents(d.id)).length === 2);
    const resumed = await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, d.id)).then((r) => r[0]!);
    expect(resumed).toMatchObject({ status: 'IN_PROGRESS', workflowStatus: 'ACTIVE', clockStoppedAt: null });
    expect(resumed.dueAt!.getTime()).toBeGreaterThan(stopped.dueAt!.getTime());
    const last = (await paidEvents(d.id)).find((e) => e.payload.paymentId === requested.json().id)!;
    expect(last).toMatchObject({ nationalStatusBefore: 6, nationalStatusAfter: 4 });
    expect(last.payload.pausedWorkingMinutes as number).toBeGreaterThan(0);

    // The official may state the items and amounts (a fee the catalogue gives only in words).
    const bad = await officer.post(`/dossiers/${d.id}/payments`, { items: [{ kind: 'PHI', name: 'Phí', amount: 10 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số tiền tối thiểu 1.000 đồng');
    const stated = await officer.post(`/dossiers/${d.id}/payments`, { comment: 'Phí kiểm tra thực địa', items: [{ kind: 'PHI', name: 'Phí kiểm tra thực địa', amount: 1_200_000 }, { kind: 'LE_PHI', name: 'Lệ phí cấp giấy phép', amount: 300_000 }] });
    expect(stated.statusCode, stated.body).toBe(201);
    expect(stated.json()).toMatchObject({ stage: 'AFTER_APPRAISAL', status: 'PENDING', amount: 1_500_000, items: [{ code: 'official-1', kind: 'PHI', amount: 1_200_000 }, { code: 'official-2', kind: 'LE_PHI', amount: 300_000 }] });
    expect((await citizen.get(`/dossiers/${d.id}`)).json()).toMatchObject({ status: 'AWAITING_PAYMENT' });
    // Stopped, the dossier's open request is cancelled.
    await ctx.database.db.update(dossiersTable).set({ status: 'STOPPED' }).where(eq(dossiersTable.id, d.id));
    await appendDossierEvent(ctx.database.db, { dossierId: d.id, action: 'dossier.stop', actorUserId: officer.userId, actorRole: 'SPECIALIST', fromStatus: 'AWAITING_PAYMENT', toStatus: 'STOPPED', reason: 'Dừng xử lý theo đề nghị' });
    await ctx.app.eventConsumers.drain();
    const after = (await citizen.get(`/dossiers/${d.id}/payments`)).json().items.find((i: { id: string }) => i.id === stated.json().id);
    expect(after.status).toBe('CANCELLED');
    await invariants();
  });

  it('a dossier refused at reception gets its filing fee back: a job sends VNPAY\'s refund message, the request is REFUNDED and the receipt cancelled; a second run changes nothing', async () => {
    const d = await submittedDossier(1000);
    const co = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'vnpay' })).json();
    await payOnPage(co.redirectUrl, 'success');
    await until(async () => (await paidEvents(d.id)).length > 0);
    await ctx.app.eventConsumers.drain(); // the receipt is numbered
    const refused = await officer.post(`/dossiers/${d.id}/refuse`, { reasons: ['Không thuộc thẩm quyền giải quyết'] });
    expect(refused.statusCode, refused.body).toBe(200);
    await ctx.app.eventConsumers.drain();
    // The consumer enqueued one refund job for the paid filing fee, with the reason.
    const jobs = await queryRows<{ data: { paymentId: string; reason: string } }>(ctx.database.db, sql`SELECT data FROM pgboss.job WHERE name = ${PAYMENTS_REFUND_ON_CLOSE} AND data->>'paymentId' = ${d.payment.id}`);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.reason).toContain('từ chối tiếp nhận');
    // What the job runs:
    const deps = { db: ctx.database.db, config: ctx.config, providers: createProviders(ctx.config) };
    const refund = await refundOnClose(deps, jobs[0]!.data);
    expect(refund).toMatchObject({ status: 'SUCCEEDED', amount: 10_000_000, full: true, provider: 'vnpay' });
    expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('REFUNDED');
    const [receipt] = await ctx.database.db.select().from(receiptsTable).where(eq(receiptsTable.paymentId, d.payment.id));
    expect(receipt).toMatchObject({ status: 'CANCELLED' });
    expect(await refundOnClose(deps, jobs[0]!.data)).toBeNull();
    expect(await ctx.database.db.select().from(paymentRefundsTable).where(eq(paymentRefundsTable.paymentId, d.payment.id))).toHaveLength(1);
    const audit = await ctx.database.db.select().from(auditEventsTable).where(and(eq(auditEventsTable.action, 'PAYMENT_REFUNDED'), eq(auditEventsTable.subject, `payment:${d.payment.id}`)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: null, details: { automatic: true, status: 'SUCCEEDED' } });
    await invariants();
  });

  it('the accountant reconciles the day (paid twice, paid there not here), refunds through VNPAY in part and in full, records a national refund for manual payment, and resolves a mismatch', async () => {
    const accountant = await callerFor(ctx, await userIdByEmail(ctx, 'accountant@demo.opendvc.vn'));
    const db = ctx.database.db;
    // Paid twice through VNPAY: two attempts opened, both paid.
    const d = await submittedDossier(1000);
    const first = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'vnpay' })).json();
    const second = (await citizen.post(`/dossiers/${d.id}/payments/${d.payment.id}/checkout`, { provider: 'vnpay' })).json();
    await payOnPage(first.redirectUrl, 'success');
    await payOnPage(second.redirectUrl, 'success');
    await until(async () => (await db.select().from(paymentAttemptsTable).where(and(eq(paymentAttemptsTable.paymentId, d.payment.id), eq(paymentAttemptsTable.status, 'SUCCEEDED')))).length === 2);
    const [paidReq] = await db.select().from(paymentRequestsTable).where(eq(paymentRequestsTable.id, d.payment.id));
    const attempts = await db.select().from(paymentAttemptsTable).where(eq(paymentAttemptsTable.paymentId, d.payment.id));
    const duplicate = attempts.find((a) => a.id !== paidReq!.paidAttemptId)!;
    expect(await paidEvents(d.id)).toHaveLength(1);
    await ctx.app.eventConsumers.drain(); // its receipt is numbered
    // Paid at the gateway, the IPN lost, never queried: paid there, not here.
    const lost = await submittedDossier(1000);
    await simConfig('vnpay', { dropCallbacks: true });
    let lostRef = '';
    try {
      const co = (await citizen.post(`/dossiers/${lost.id}/payments/${lost.payment.id}/checkout`, { provider: 'vnpay' })).json();
      lostRef = new URL(co.redirectUrl).searchParams.get('vnp_TxnRef')!;
      await payOnPage(co.redirectUrl, 'success');
    } finally {
      await simConfig('vnpay', { reset: true });
    }

    expect((await officer.get('/payments/reconciliation')).json()).toMatchObject({ code: 'payments.not_accountant' });
    const day = (await accountant.get('/payments/reconciliation')).json();
    expect(day.errors).toEqual([]);
    expect(day.matched).toBeGreaterThan(0);
    const dup = day.items.find((m: { reference: string; kind: string }) => m.reference === duplicate.providerReference && m.kind === 'DUPLICATE');
    expect(dup).toMatchObject({ provider: 'vnpay', paymentId: d.payment.id, attemptId: duplicate.id, refundable: 10_000_000, dossierId: d.id, resolution: null });
    expect(day.items.find((m: { reference: string }) => m.reference === lostRef)).toMatchObject({ kind: 'PAID_THERE_NOT_HERE', remoteAmount: 10_000_000, localAmount: 10_000_000, paymentId: lost.payment.id });

    // The duplicate is refunded through VNPAY's refund message: 4 000 000 first, then the rest.
    expect((await officer.post(`/payments/${d.payment.id}/refunds`, { attemptId: duplicate.id, reason: 'Hoàn tiền nộp trùng' })).statusCode).toBe(403);
    const part = await accountant.post(`/payments/${d.payment.id}/refunds`, { attemptId: duplicate.id, amount: 4_000_000, reason: 'Hoàn tiền nộp trùng (lần 1)' });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({ status: 'SUCCEEDED', provider: 'vnpay', amount: 4_000_000, full: false, providerCode: '00' });
    const tooMuch = await accountant.post(`/payments/${d.payment.id}/refunds`, { attemptId: duplicate.id, amount: 7_000_000, reason: 'Hoàn quá số tiền còn lại' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].message).toContain('6.000.000');
    const rest = await accountant.post(`/payments/${d.payment.id}/refunds`, { attemptId: duplicate.id, reason: 'Hoàn nốt tiền nộp trùng' });
    expect(rest.json()).toMatchObject({ status: 'SUCCEEDED', amount: 6_000_000 });
    expect((await accountant.post(`/payments/${d.payment.id}/refunds`, { attemptId: duplicate.id, reason: 'Hoàn thêm lần nữa' })).json()).toMatchObject({ code: 'payments.not_refundable' });
    // The duplicate had no receipt: the payment's receipt is untouched.
    expect((await citizen.get(`/dossiers/${d.id}/receipts`)).json().items[0]).toMatchObject({ paymentId: d.payment.id, refundedAmount: 0, cancelledAt: null });
    expect((await citizen.get(`/dossiers/${d.id}/receipts`)).json().items[0].status).not.toBe('CANCELLED');
    // The request was paid once: still PAID; refunded in full it becomes REFUNDED.
    expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('PAID');
    const full = await accountant.post(`/payments/${d.payment.id}/refunds`, { reason: 'Hồ sơ bị từ chối, hoàn phí thẩm định' });
    expect(full.json()).toMatchObject({ status: 'SUCCEEDED', amount: 10_000_000, full: true });
    expect((await citizen.get(`/dossiers/${d.id}/payments`)).json().items[0].status).toBe('REFUNDED');
    // Refunded in full, its receipt is cancelled (hủy) with the reason; the number stays taken.
    expect((await citizen.get(`/dossiers/${d.id}/receipts`)).json().items[0]).toMatchObject({ paymentId: d.payment.id, status: 'CANCELLED', refundedAmount: 10_000_000, cancelReason: 'Hồ sơ bị từ chối, hoàn phí thẩm định' });

    // The national platform has no refund message we know: recorded for a manual refund.
    const nat = await submittedDossier(1000);
    const co = (await citizen.post(`/dossiers/${nat.id}/payments/${nat.payment.id}/checkout`, { provider: 'national' })).json();
    await payOnPage(co.redirectUrl, 'success');
    await until(async () => (await paidEvents(nat.id)).length === 1);
    await ctx.app.eventConsumers.drain();
    // In part first: the receipt records "đã hoàn" and stays valid; then the rest cancels it.
    expect((await accountant.post(`/payments/${nat.payment.id}/refunds`, { amount: 3_000_000, reason: 'Hoàn một phần phí theo quyết định' })).json()).toMatchObject({ status: 'MANUAL', provider: 'national', amount: 3_000_000, full: false });
    expect((await citizen.get(`/dossiers/${nat.id}/payments`)).json().items[0].status).toBe('PAID');
    const natReceipt = (await citizen.get(`/dossiers/${nat.id}/receipts`)).json().items[0];
    expect(natReceipt).toMatchObject({ paymentId: nat.payment.id, refundedAmount: 3_000_000, refunds: [{ amount: 3_000_000, full: false }], cancelledAt: null });
    expect(natReceipt.status).not.toBe('CANCELLED');
    expect((await accountant.post(`/payments/${nat.payment.id}/refunds`, { reason: 'Hoàn phí theo quyết định' })).json()).toMatchObject({ status: 'MANUAL', provider: 'national', amount: 7_000_000 });
    expect((await citizen.get(`/dossiers/${nat.id}/receipts`)).json().items[0]).toMatchObject({ status: 'CANCELLED', refundedAmount: 10_000_000, number: natReceipt.number, cancelReason: 'Hoàn phí theo quyết định' });
    expect((await citizen.get(`/dossiers/${nat.id}/payments`)).json().items[0].status).toBe('REFUNDED');

    // A mismatch resolved with a reason: the list shows it, the audit log keeps it.
    const resolved = await accountant.post('/payments/reconciliation/resolutions', { provider: 'vnpay', reference: lostRef, kind: 'PAID_THERE_NOT_HERE', reason: 'Đã truy vấn cổng, giao dịch sẽ được ghi nhận' });
    expect(resolved.statusCode, resolved.body).toBe(201);
    const after = (await accountant.get('/payments/reconciliation')).json();
    expect(after.items.find((m: { reference: string }) => m.reference === lostRef).resolution).toMatchObject({ reason: 'Đã truy vấn cổng, giao dịch sẽ được ghi nhận', byUserId: accountant.userId });
    expect(after.items.find((m: { reference: string; kind: string }) => m.reference === duplicate.providerReference && m.kind === 'DUPLICATE').refundable).toBe(0);
    const audits = await db.select().from(auditEventsTable).where(eq(auditEventsTable.action, 'PAYMENT_REFUNDED'));
    expect(audits.length).toBeGreaterThanOrEqual(4);
    await invariants();
  });
});

async function checkoutStatus(dossierId: string, paymentId: string) {
  return (await citizen.post(`/dossiers/${dossierId}/payments/${paymentId}/checkout`, { provider: 'national' })).statusCode;
}

describe('bank statement import (VietQR transfers)', () => {
  it('pays the requests whose reference and amount a statement row carries, like a provider callback; lists the rest and the malformed rows in Vietnamese; a second import pays nothing twice', async () => {
    const accountant = await callerFor(ctx, await userIdByEmail(ctx, 'accountant@demo.opendvc.vn'));
    const csvPost = (who: Caller, body: string) => who.raw('POST', '/payments/reconciliation/statements', body, { 'content-type': 'text/csv; charset=utf-8' });
    const a = await submittedDossier(1000);
    const b = await submittedDossier(1000);
    const other = await submittedDossier(1000);
    expect(a.payment).toMatchObject({ status: 'PENDING', amount: 10_000_000 });
    const csv = [
      'Ngày giao dịch;Số tiền ghi có;Nội dung chuyển khoản',
      `04/12/2026 09:15;10.000.000;"NGUYEN VAN AN chuyen tien ${a.payment.reference.toUpperCase()} ho so"`,
      `04/12/2026;9.000.000;${b.payment.reference}`,
      '04/12/2026;500.000;CHUYEN KHOAN KHONG RO NOI DUNG',
      '31/02/2026;abc;DVC000000000000000000',
      `05/12/2026;10.000.000;${a.payment.reference}`,
    ].join('\r\n');
    expect((await csvPost(officer, csv)).json()).toMatchObject({ code: 'payments.not_accountant' });
    const res = await csvPost(accountant, csv);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.rows).toBe(5);
    expect(out.matched).toEqual([{ line: 2, reference: a.payment.reference, amount: 10_000_000, paymentId: a.payment.id, dossierId: a.id, effect: 'paid' }]);
    expect(out.unmatched.map((u: { line: number }) => u.line), JSON.stringify(out)).toEqual([3, 4, 6]);
    expect(out.unmatched[0].reason).toContain('Số tiền khác số phải nộp (10.000.000 đồng)');
    expect(out.unmatched[1].reason).toBe('Nội dung chuyển khoản không có mã thanh toán của hồ sơ.');
    expect(out.unmatched[2].reason).toContain('trùng');
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ line: 5 });
    expect(out.errors[0].message).toContain('ngày "31/02/2026" không hợp lệ');
    expect(out.errors[0].message).toContain('số tiền "abc"');

    // Paid through the callback's path: PAID once, the dossier released, one dossier.paid, and its receipt.
    expect((await citizen.get(`/dossiers/${a.id}/payments`)).json().items[0]).toMatchObject({ status: 'PAID', provider: 'bank_transfer' });
    expect((await citizen.get(`/dossiers/${a.id}`)).json()).toMatchObject({ status: 'SUBMITTED' });
    const events = await paidEvents(a.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ paymentId: a.payment.id, amount: 10_000_000, provider: 'bank_transfer', reference: a.payment.reference });
    await ctx.app.eventConsumers.drain();
    expect((await citizen.get(`/dossiers/${a.id}/receipts`)).json().items).toEqual([expect.objectContaining({ paymentId: a.payment.id, amount: 10_000_000, provider: 'bank_transfer' })]);
    expect((await citizen.get(`/dossiers/${b.id}/payments`)).json().items[0].status).toBe('PENDING');
    expect((await citizen.get(`/dossiers/${other.id}/payments`)).json().items[0].status).toBe('PENDING');

    // Imported again: recognised, nothing paid twice.
    const again = (await csvPost(accountant, csv)).json();
    expect(again.matched).toEqual([expect.objectContaining({ line: 2, paymentId: a.payment.id, effect: 'already_paid' })]);
    expect(await paidEvents(a.id)).toHaveLength(1);

    // A file with no usable header, and one with nothing in it, are refused with what is missing.
    const bad = await csvPost(accountant, 'a,b,c\n1,2,3\n');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].message).toContain('thiếu cột: ngày (date), số tiền (amount), nội dung (description)');
    expect((await csvPost(accountant, '')).statusCode).toBe(400);
    const big = await csvPost(accountant, `Ngày,Số tiền,Nội dung\n${'04/12/2026,1000,x\n'.repeat(70_000)}`);
    expect(big.statusCode).toBe(413);
    await invariants();
  });
});
